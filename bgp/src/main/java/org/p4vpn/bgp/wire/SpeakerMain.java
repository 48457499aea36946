package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.PeerRelation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a stand-alone speaker (used by bench/run-bgp-race and for trying it against daemons):
 * {@code --listen ADDR --router-id ID --as N [--cluster-id ID] [--client ADDR]... [--peer ADDR]...
 * [--passive] [--hold S]}. Clients and peers are internal neighbors in the same AS. Prints the
 * neighbors' states every {@code --status S} seconds if asked.
 */
public final class SpeakerMain {

    private SpeakerMain() {
    }

    /**
     * Starts the speaker and runs until killed.
     *
     * @param args command line
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Ip4Address listen = null;
        Ip4Address routerId = null;
        Ip4Address cluster = null;
        long as = 0;
        int hold = 90;
        int status = 0;
        boolean passive = false;
        List<Ip4Address> clients = new ArrayList<>();
        List<Ip4Address> peers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--passive".equals(a)) {
                passive = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--listen": listen = Ip4Address.valueOf(v); break;
                case "--router-id": routerId = Ip4Address.valueOf(v); break;
                case "--cluster-id": cluster = Ip4Address.valueOf(v); break;
                case "--as": as = Long.parseLong(v); break;
                case "--hold": hold = Integer.parseInt(v); break;
                case "--status": status = Integer.parseInt(v); break;
                case "--client": clients.add(Ip4Address.valueOf(v)); break;
                case "--peer": peers.add(Ip4Address.valueOf(v)); break;
                default: usage("unknown option " + a);
            }
        }
        if (listen == null || routerId == null || as == 0) {
            usage("--listen, --router-id and --as are required");
        }
        WireSpeaker s = WireSpeaker.start(new SpeakerConfig(routerId, as, cluster, listen, Bgp.PORT, hold, 5, 120));
        for (Ip4Address c : clients) {
            s.addPeer(new BgpNeighbor(c, as, PeerRelation.CLIENT, passive));
        }
        for (Ip4Address p : peers) {
            s.addPeer(new BgpNeighbor(p, as, PeerRelation.NON_CLIENT, passive));
        }
        System.out.println("speaker " + s.config() + " listening on " + listen + ":" + s.port());
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        if (status > 0) {
            while (true) {
                Thread.sleep(status * 1000L); // a periodic report, not a wait for state
                System.out.println(s.peers() + " prefixes=" + s.prefixCount());
            }
        }
        new CountDownLatch(1).await();
    }

    private static void usage(String why) {
        System.err.println(why + "\nusage: SpeakerMain --listen ADDR --router-id ID --as N [--cluster-id ID]"
                + " [--client ADDR]... [--peer ADDR]... [--passive] [--hold S] [--status S]");
        System.exit(2);
    }
}
