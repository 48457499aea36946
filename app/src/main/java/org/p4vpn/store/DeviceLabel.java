package org.p4vpn.store;

import org.onosproject.net.DeviceId;

import java.util.Objects;

/** A label on a device: the key that makes labels unique per device. */
final class DeviceLabel {

    private final DeviceId device;
    private final int label;

    DeviceLabel(DeviceId device, int label) {
        this.device = device;
        this.label = label;
    }

    DeviceId device() {
        return device;
    }

    int label() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceLabel && ((DeviceLabel) o).device.equals(device) && ((DeviceLabel) o).label == label;
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, label);
    }

    @Override
    public String toString() {
        return device + "#" + label;
    }
}
