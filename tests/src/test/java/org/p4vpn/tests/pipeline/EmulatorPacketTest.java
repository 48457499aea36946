package org.p4vpn.tests.pipeline;

/** The pipeline's packet tests on the emulator (runs everywhere, CI included). */
class EmulatorPacketTest extends PipelinePacketTests {

    @Override
    DataPlaneTarget start(int ports) {
        return new EmulatorTarget();
    }
}
