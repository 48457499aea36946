package org.p4vpn.tests.pipeline;

/** P4Runtime reads on the emulator's server. */
class EmulatorReadBackTest extends ReadBackTests {

    @Override
    DataPlaneTarget start() {
        return new EmulatorTarget();
    }
}
