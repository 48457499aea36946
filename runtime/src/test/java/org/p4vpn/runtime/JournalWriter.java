package org.p4vpn.runtime;

import org.onlab.util.KryoNamespace;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;

import java.nio.file.Paths;

/**
 * A child process for the crash test: writes numbered entries to a persistent store and prints
 * "ack N" after each put returns and "del N" after each remove returns (every seventh put removes the
 * entry three before it), until it is killed.
 */
public final class JournalWriter {

    private JournalWriter() {
    }

    /**
     * Writes until killed.
     *
     * @param args data directory, first number
     */
    public static void main(String[] args) {
        EmbeddedStorageService storage = EmbeddedStorageService.persistent(Paths.get(args[0]));
        ConsistentMap<Integer, String> map = storage.<Integer, String>consistentMapBuilder().withName("crash")
                .withSerializer(Serializer.using(KryoNamespace.newBuilder().register(KryoNamespaces.BASIC).build()))
                .build();
        for (int i = Integer.parseInt(args[1]); ; i++) {
            map.put(i, "value-" + i);
            System.out.println("ack " + i);
            System.out.flush();
            if (i % 7 == 0) {
                map.remove(i - 3);
                System.out.println("del " + (i - 3));
                System.out.flush();
            }
        }
    }
}
