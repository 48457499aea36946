package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;

import java.util.Objects;

/**
 * What an MPLS label on one device is allocated for: a VPN label (per VRF, per CE or per prefix,
 * RFC 4364 section 4.3.2) or a transport label of an LSP; the same allocator also hands out the
 * network-wide VRF ids and the per-device next-hop group ids of CEs. Values are unique per device.
 */
public final class LabelKey {

    /** What the label stands for. */
    public enum Purpose {
        /** VPN label of a whole VRF. */
        VPN_PER_VRF,
        /** VPN label of one site's CE. */
        VPN_PER_CE,
        /** VPN label of one prefix. */
        VPN_PER_PREFIX,
        /** Transport label of an LSP at this device. */
        TRANSPORT,
        /** Not a label: the VRF id of a VPN instance, the same on every PE (16 bits). */
        VRF_ID,
        /** Not a label: the id of a CE's next-hop group on its PE. */
        NEXT_HOP
    }

    /** The scope of VRF ids, which are network-wide rather than per device. */
    public static final DeviceId NETWORK = DeviceId.deviceId("p4vpn:network");

    private final DeviceId device;
    private final Purpose purpose;
    private final String vpn;
    private final String owner;

    private LabelKey(DeviceId device, Purpose purpose, String vpn, String owner) {
        this.device = Names.required("device", device);
        this.purpose = purpose;
        this.vpn = vpn;
        this.owner = owner;
    }

    /**
     * Key of the VPN label of a VRF.
     *
     * @param device PE
     * @param vpn    VPN instance
     * @return key
     */
    public static LabelKey perVrf(DeviceId device, String vpn) {
        return new LabelKey(device, Purpose.VPN_PER_VRF, vpn, "");
    }

    /**
     * Key of the VPN label of a site's CE.
     *
     * @param device PE
     * @param vpn    VPN instance
     * @param site   site
     * @return key
     */
    public static LabelKey perCe(DeviceId device, String vpn, String site) {
        return new LabelKey(device, Purpose.VPN_PER_CE, vpn, site);
    }

    /**
     * Key of the VPN label of a prefix.
     *
     * @param device PE
     * @param vpn    VPN instance
     * @param prefix prefix
     * @return key
     */
    public static LabelKey perPrefix(DeviceId device, String vpn, Ip4Prefix prefix) {
        return new LabelKey(device, Purpose.VPN_PER_PREFIX, vpn, prefix.toString());
    }

    /**
     * Key of a transport label.
     *
     * @param device device
     * @param lsp    LSP identifier
     * @return key
     */
    public static LabelKey transport(DeviceId device, String lsp) {
        return new LabelKey(device, Purpose.TRANSPORT, "", lsp);
    }

    /**
     * Key of a VPN instance's VRF id (network-wide).
     *
     * @param vpn VPN instance
     * @return key
     */
    public static LabelKey vrfId(String vpn) {
        return new LabelKey(NETWORK, Purpose.VRF_ID, vpn, "");
    }

    /**
     * Key of the next-hop group id of a site's CE on its PE.
     *
     * @param device PE
     * @param site   site
     * @return key
     */
    public static LabelKey nextHop(DeviceId device, String site) {
        return new LabelKey(device, Purpose.NEXT_HOP, "", site);
    }

    /**
     * Tells whether this key is a VPN label (per VRF, CE or prefix).
     *
     * @return true for VPN labels
     */
    public boolean isVpnLabel() {
        return purpose == Purpose.VPN_PER_VRF || purpose == Purpose.VPN_PER_CE || purpose == Purpose.VPN_PER_PREFIX;
    }

    /**
     * Returns the device.
     *
     * @return device id
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the purpose.
     *
     * @return purpose
     */
    public Purpose purpose() {
        return purpose;
    }

    /**
     * Returns the VPN instance (empty for transport labels).
     *
     * @return VPN name
     */
    public String vpn() {
        return vpn;
    }

    /**
     * Returns the site (per CE), prefix (per prefix) or LSP (transport); empty per VRF.
     *
     * @return owner
     */
    public String owner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LabelKey)) {
            return false;
        }
        LabelKey k = (LabelKey) o;
        return device.equals(k.device) && purpose == k.purpose && vpn.equals(k.vpn) && owner.equals(k.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, purpose, vpn, owner);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", device).add("purpose", purpose)
                .add("vpn", vpn).add("owner", owner).toString();
    }
}
