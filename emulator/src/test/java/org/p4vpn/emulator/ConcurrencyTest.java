package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Packets processed while another thread rewrites entries see either the old or new state. */
class ConcurrencyTest {

    @Test
    void packetsSeeConsistentStateDuringWrites() throws Exception {
        EmulatedSwitch sw = new EmulatedSwitch(Programs.load("minimal.json"));
        TableEntry e = TableEntry.builder("t_exact").match(FieldMatch.exact("type", 0x0a01)).action(ActionCall.ofValues("fwd", 3)).build();
        sw.insertEntry(e);
        // t_lpm rewrites h.c together with the port: a torn update would pair them wrongly
        sw.insertEntry(TableSemanticsTest.lpm(1, 0x100, 8, 5, 0x55));
        byte[] frame = TableSemanticsTest.frame(2, 0x0a01, 1, 0x100, 0);
        int threads = 3;
        int perThread = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    List<OutputPacket> out = sw.process(1, frame);
                    byte[] b = out.get(0).bytes();
                    seen.add(out.get(0).port() + "/" + (b[16] & 0xff));
                }
                return null;
            }));
        }
        fs.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 2000; i++) {
                boolean odd = i % 2 == 1;
                sw.modifyEntry(TableSemanticsTest.lpm(1, 0x100, 8, odd ? 6 : 5, odd ? 0x66 : 0x55));
                sw.modifyEntry(e.toBuilder().action(ActionCall.ofValues("fwd", odd ? 4 : 3)).build());
            }
            return null;
        }));
        start.countDown();
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(Set.of("5/85", "6/102").containsAll(seen), "only consistent (port, c) pairs: " + seen);
        assertEquals(new CounterValue((long) threads * perThread, (long) threads * perThread * frame.length),
                sw.readDirectCounter(e));
    }
}
