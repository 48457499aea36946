package org.p4vpn.pipeconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The p4c outputs of the VPN pipeline bundled with the pipeconf, readable without ONOS (the
 * embedded runtime, the emulator and the tests push them over P4Runtime themselves).
 */
public final class PipelineOutputs {

    /** Resource path of the BMv2 JSON. */
    public static final String BMV2_JSON = "/bmv2.json";
    /** Resource path of the P4Info text. */
    public static final String P4INFO = "/p4info.txt";
    /** Resource path of the checksum of the P4 sources the outputs were made from. */
    public static final String SOURCE_CHECKSUM = "/p4src.sha256";
    /** Resource path of the CPU port, taken from p4src/define.p4 by the p4src Makefile. */
    public static final String CPU_PORT_TXT = "/cpu_port.txt";
    /** Bit width of v1model port numbers in the controller headers. */
    public static final int PORT_BITWIDTH = 9;

    private PipelineOutputs() {
    }

    /**
     * Reads one of the bundled outputs.
     *
     * @param path resource path, e.g. {@link #BMV2_JSON}
     * @return bytes
     */
    public static byte[] read(String path) {
        try (InputStream in = url(path).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Reads an output as text.
     *
     * @param path resource path
     * @return text
     */
    public static String text(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /**
     * Returns the CPU port of the pipeline (BMv2 must run with {@code --cpu-port} set to it).
     *
     * @return port number
     */
    public static int cpuPort() {
        return Integer.parseInt(text(CPU_PORT_TXT).trim());
    }

    /**
     * Returns the location of an output.
     *
     * @param path resource path
     * @return URL
     */
    public static URL url(String path) {
        URL u = PipelineOutputs.class.getResource(path);
        if (u == null) {
            throw new IllegalStateException(path + " is missing from the pipeconf: run 'make -C p4src build'");
        }
        return u;
    }
}
