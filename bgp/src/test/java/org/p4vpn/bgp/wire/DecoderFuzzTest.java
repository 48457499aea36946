package org.p4vpn.bgp.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes the UPDATE and OPEN decoders: random bytes, and valid messages with random bytes
 * flipped, cut or inserted. Whatever the input, the decoders return a message or throw
 * {@link BgpError} (a NOTIFICATION); no other exception escapes. The number of inputs tried is
 * printed (recorded in docs/bgp.md).
 */
class DecoderFuzzTest {

    private static final AtomicLong TRIED = new AtomicLong();
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        List<VpnRoute> routes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            routes.add(new VpnRoute(VpnPrefix.of("65000:" + i + ":10.0." + i + ".0/" + (20 + i)),
                                    Ip4Address.valueOf("192.0.2.1"), 100 + i, UpdateCodecTest.reflectedAttrs(),
                                    RouteSource.LOCAL));
        }
        new UpdateEncoder(true, false).announce(routes, m -> out.add(UpdateCodecTest.body(m)));
        new UpdateEncoder(false, false).announce(routes, m -> out.add(UpdateCodecTest.body(m)));
        new UpdateEncoder(true, false).withdraw(List.of(routes.get(0).prefix()), m -> out.add(UpdateCodecTest.body(m)));
        out.add(UpdateCodecTest.body(Messages.endOfRib(AfiSafi.VPNV4)));
        return out;
    }

    private static final byte[] OPEN_SEED = UpdateCodecTest.body(new OpenMessage(65000, 90,
            Ip4Address.valueOf("10.0.0.1"), Set.of(AfiSafi.VPNV4, AfiSafi.IPV4_UNICAST), true, true, 120,
            Map.of(AfiSafi.VPNV4, true)).encode());

    @Provide
    Arbitrary<byte[]> updates() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(i -> mutations(SEEDS.get(i)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(4, mutated));
    }

    @Provide
    Arbitrary<byte[]> opens() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(120), mutations(OPEN_SEED));
    }

    /** A valid message with 1 to 4 random byte changes, a cut, or an inserted run. */
    private static Arbitrary<byte[]> mutations(byte[] seed) {
        Arbitrary<byte[]> flips = Arbitraries.integers().between(0, seed.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(pos -> Arbitraries.bytes().list().ofSize(pos.size()).map(vals -> {
                    byte[] m = seed.clone();
                    for (int k = 0; k < pos.size(); k++) {
                        m[pos.get(k)] = vals.get(k);
                    }
                    return m;
                }));
        Arbitrary<byte[]> cuts = Arbitraries.integers().between(0, seed.length).map(n -> java.util.Arrays
                .copyOf(seed, n));
        Arbitrary<byte[]> inserts = Arbitraries.integers().between(0, seed.length)
                .flatMap(at -> Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8).map(ins -> {
                    byte[] m = new byte[seed.length + ins.length];
                    System.arraycopy(seed, 0, m, 0, at);
                    System.arraycopy(ins, 0, m, at, ins.length);
                    System.arraycopy(seed, at, m, at + ins.length, seed.length - at);
                    return m;
                }));
        return Arbitraries.oneOf(flips, cuts, inserts);
    }

    @Property(tries = 200_000)
    void updateDecoderNeverThrowsAnythingButBgpError(@ForAll("updates") byte[] body,
                                                     @ForAll boolean as4, @ForAll boolean ebgp) {
        TRIED.incrementAndGet();
        try {
            UpdateMessage u = UpdateDecoder.decode(body, as4, ebgp);
            if (u.treatedAsWithdraw() && !u.announced().isEmpty()) {
                throw new AssertionError("treat-as-withdraw left routes announced: " + u);
            }
        } catch (BgpError e) {
            if (e.code() < 1 || e.code() > 7) {
                throw new AssertionError("NOTIFICATION code " + e.code());
            }
            if (e.getMessage().startsWith(UpdateDecoder.UNFORESEEN)) {
                // the decoder's last-resort catch: every layout must be handled by a real check
                throw new AssertionError("decoder relied on its safety net: " + e.getMessage());
            }
        }
    }

    @Property(tries = 50_000)
    void openDecoderNeverThrowsAnythingButBgpError(@ForAll("opens") byte[] body) {
        TRIED.incrementAndGet();
        try {
            OpenMessage.decode(body);
        } catch (BgpError e) {
            if (e.code() != Bgp.ERR_OPEN && e.code() != Bgp.ERR_HEADER) {
                throw new AssertionError("OPEN error with code " + e.code());
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("BGP decoder fuzz: " + TRIED.get() + " inputs tried, no exception escaped");
    }
}
