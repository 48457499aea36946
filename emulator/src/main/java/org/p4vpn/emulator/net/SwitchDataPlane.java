package org.p4vpn.emulator.net;

import org.p4vpn.emulator.OutputPacket;

import java.util.List;

/** What the network needs of a switch: frames in on a port, frames out on ports. */
public interface SwitchDataPlane {

    /**
     * Processes one frame.
     *
     * @param ingressPort the port it came in on
     * @param frame       the frame
     * @return what leaves, in order
     */
    List<OutputPacket> process(int ingressPort, byte[] frame);
}
