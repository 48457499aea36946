package org.p4vpn.api;

import org.onosproject.net.DeviceId;

import java.util.Objects;

/** Names one VRF: a VPN instance as instantiated on one PE. */
public final class VrfKey implements Comparable<VrfKey> {

    private final DeviceId device;
    private final String vpn;

    /**
     * Creates a VRF key.
     *
     * @param device PE device
     * @param vpn    VPN instance name
     */
    public VrfKey(DeviceId device, String vpn) {
        this.device = Names.required("device", device);
        this.vpn = Names.required("vpn", vpn);
    }

    /**
     * Returns the PE.
     *
     * @return device id
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the VPN instance name.
     *
     * @return name
     */
    public String vpn() {
        return vpn;
    }

    @Override
    public int compareTo(VrfKey o) {
        int c = device.toString().compareTo(o.device.toString());
        return c != 0 ? c : vpn.compareTo(o.vpn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrfKey && ((VrfKey) o).device.equals(device) && ((VrfKey) o).vpn.equals(vpn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, vpn);
    }

    @Override
    public String toString() {
        return device + "/" + vpn;
    }
}
