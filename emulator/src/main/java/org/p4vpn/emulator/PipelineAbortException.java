package org.p4vpn.emulator;

/**
 * Thrown by {@link EmulatedSwitch#process} where BMv2 would abort the whole switch process:
 * a failed P4 {@code assert} / {@code assume}. No packet is emitted.
 */
public final class PipelineAbortException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PipelineAbortException(String message) {
        super(message);
    }
}
