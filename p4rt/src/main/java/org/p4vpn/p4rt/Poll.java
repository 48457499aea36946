package org.p4vpn.p4rt;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it until a deadline, never by a fixed sleep. */
public final class Poll {

    private Poll() {
    }

    /**
     * Polls a condition every few milliseconds until it holds or the time is up.
     *
     * @param timeout   how long to wait at most
     * @param condition the condition
     * @return true if it held in time
     */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }
}
