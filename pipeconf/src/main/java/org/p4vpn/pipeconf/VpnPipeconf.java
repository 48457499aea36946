package org.p4vpn.pipeconf;

import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.pi.model.DefaultPiPipeconf;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.model.PiPipeconfId;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.p4runtime.model.P4InfoParser;
import org.onosproject.p4runtime.model.P4InfoParserException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/** The pipeconf of the VPN pipeline on BMv2, built from the p4c outputs in this bundle. */
public final class VpnPipeconf {

    /** Pipeconf id devices are configured with (netcfg {@code "pipeconf"}). */
    public static final PiPipeconfId ID = new PiPipeconfId("org.p4vpn.bmv2");
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

    private VpnPipeconf() {
    }

    /**
     * Builds the pipeconf.
     *
     * @return pipeconf
     * @throws IllegalStateException if the p4c outputs are missing or the P4Info does not parse
     */
    public static PiPipeconf build() {
        URL json = resource(BMV2_JSON);
        URL p4info = resource(P4INFO);
        PiPipelineModel model;
        try {
            model = P4InfoParser.parse(p4info);
        } catch (P4InfoParserException e) {
            throw new IllegalStateException("cannot parse " + P4INFO + ": " + e.getMessage(), e);
        }
        return DefaultPiPipeconf.builder().withId(ID).withPipelineModel(model)
                .addBehaviour(PiPipelineInterpreter.class, VpnInterpreter.class)
                .addBehaviour(Pipeliner.class, VpnPipeliner.class)
                .addExtension(PiPipeconf.ExtensionType.P4_INFO_TEXT, p4info)
                .addExtension(PiPipeconf.ExtensionType.BMV2_JSON, json)
                .addExtension(PiPipeconf.ExtensionType.CPU_PORT_TXT, resource(CPU_PORT_TXT))
                .build();
    }

    /**
     * Reads one of the bundled p4c outputs.
     *
     * @param path resource path, e.g. {@link #BMV2_JSON}
     * @return bytes
     */
    public static byte[] read(String path) {
        try (InputStream in = resource(path).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Returns the CPU port of the pipeline (BMv2 must run with {@code --cpu-port} set to it).
     *
     * @return port number
     */
    public static int cpuPort() {
        return Integer.parseInt(new String(read(CPU_PORT_TXT), java.nio.charset.StandardCharsets.US_ASCII).trim());
    }

    private static URL resource(String path) {
        URL u = VpnPipeconf.class.getResource(path);
        if (u == null) {
            throw new IllegalStateException(path + " is missing from the pipeconf: run 'make -C p4src build'");
        }
        return u;
    }
}
