package org.p4vpn.p4rt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs the system commands that make test and lab networks ({@code ip}, {@code sysctl}, {@code ping}). */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs a command and waits for it (at most 60 s).
     *
     * @param quiet whether a non-zero exit is only returned (true) or an error (false)
     * @param cmd   the command and its arguments
     * @return the exit code
     * @throws IllegalStateException if the command fails and {@code quiet} is false, or hangs
     */
    public static int run(boolean quiet, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + ": no answer in 60 s");
            }
            if (p.exitValue() != 0 && !quiet) {
                throw new IllegalStateException(String.join(" ", cmd) + ": " + out.trim());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
