package org.p4vpn.pipeconf;

import org.junit.jupiter.api.Test;
import org.onosproject.net.pi.model.PiPipeconf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed p4c outputs belong to the committed P4 sources, and make a pipeconf. */
class P4OutputsTest {

    /** p4src/ next to this module: the build runs from the module directory. */
    private static final Path P4SRC = Paths.get("..", "p4src");

    @Test
    void outputsWereMadeFromTheCurrentSources() throws IOException, NoSuchAlgorithmException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(P4SRC)) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".p4")).sorted((a, b) ->
                    a.getFileName().toString().compareTo(b.getFileName().toString())).collect(Collectors.toList());
        }
        assertTrue(sources.size() > 3, "p4src/ has the program");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path p : sources) {
            sha.update(Files.readAllBytes(p));
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) {
            hex.append(String.format("%02x", b));
        }
        String recorded = new String(PipelineOutputs.read(PipelineOutputs.SOURCE_CHECKSUM), StandardCharsets.US_ASCII).trim();
        assertEquals(recorded, hex.toString(), "p4src/ changed after its p4c outputs were made: run"
                + " 'make -C p4src build constants' and commit the outputs");
    }

    @Test
    void pipeconfHasTheModelAndTheExtensions() {
        PiPipeconf p = VpnPipeconf.build();
        assertTrue(p.pipelineModel().table(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB).isPresent());
        assertTrue(p.pipelineModel().table(P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_NEXT).isPresent());
        assertTrue(p.extension(PiPipeconf.ExtensionType.BMV2_JSON).isPresent());
        assertTrue(p.extension(PiPipeconf.ExtensionType.P4_INFO_TEXT).isPresent());
        assertEquals(255, PipelineOutputs.cpuPort());
        assertTrue(p.pipelineModel().table(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB).get().maxSize() >= 65536,
                   "at least 64k VRF routes");
        assertTrue(p.pipelineModel().table(P4InfoConstants.INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB).get().maxSize() >= 16384,
                   "at least 16k labels");
    }
}
