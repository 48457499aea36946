package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;

import java.util.Objects;

/**
 * A switch of the provider network: its id, display name and whether the controller holds a
 * working session with it.
 */
public final class NetworkSwitch {

    private final DeviceId id;
    private final String name;
    private final boolean connected;

    /**
     * Creates a switch.
     *
     * @param id        device id
     * @param name      display name (the id if it has none)
     * @param connected whether it is connected
     */
    public NetworkSwitch(DeviceId id, String name, boolean connected) {
        this.id = Names.required("id", id);
        this.name = Names.required("name", name);
        this.connected = connected;
    }

    /**
     * Returns the device id.
     *
     * @return id
     */
    public DeviceId id() {
        return id;
    }

    /**
     * Returns the display name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Tells whether the switch is connected.
     *
     * @return true if connected
     */
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSwitch && id.equals(((NetworkSwitch) o).id) && name.equals(((NetworkSwitch) o).name)
                && connected == ((NetworkSwitch) o).connected;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, connected);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("name", name).add("connected", connected).toString();
    }
}
