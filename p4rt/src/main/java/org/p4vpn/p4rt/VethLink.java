package org.p4vpn.p4rt;

/**
 * A veth pair joining two software-switch ports (both ends in the host namespace, IPv6 off so
 * the kernel adds no frames); removed on close.
 */
public final class VethLink implements AutoCloseable {

    private final String a;
    private final String b;

    private VethLink(String a, String b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Creates a link.
     *
     * @param a one end's interface name (at most 15 characters)
     * @param b the other end's
     * @return the link
     */
    public static VethLink create(String a, String b) {
        Commands.run(true, "ip", "link", "del", a);
        try {
            Commands.run(false, "ip", "link", "add", a, "type", "veth", "peer", "name", b);
            for (String i : new String[] {a, b}) {
                Commands.run(false, "sysctl", "-q", "-w", "net.ipv6.conf." + i + ".disable_ipv6=1");
                Commands.run(false, "ip", "link", "set", i, "up");
            }
            return new VethLink(a, b);
        } catch (RuntimeException e) {
            Commands.run(true, "ip", "link", "del", a);
            throw e;
        }
    }

    /**
     * Returns one end.
     *
     * @return interface
     */
    public String a() {
        return a;
    }

    /**
     * Returns the other end.
     *
     * @return interface
     */
    public String b() {
        return b;
    }

    @Override
    public void close() {
        Commands.run(true, "ip", "link", "del", a);
    }
}
