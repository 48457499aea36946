package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Loads test programs. */
final class Programs {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The project's compiled pipeline, as the pipeconf module ships it. */
    static final Path REAL_JSON = Paths.get("..", "pipeconf", "src", "main", "resources", "bmv2.json");

    private Programs() {
    }

    static JsonNode json(String resource) {
        try (InputStream in = Programs.class.getResourceAsStream("/programs/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static P4Program load(String resource) {
        return P4Program.load(json(resource));
    }

    static JsonNode realJson() {
        try {
            return MAPPER.readTree(Files.readAllBytes(REAL_JSON));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REAL_JSON.toAbsolutePath(), e);
        }
    }

    static P4Program real() {
        return P4Program.load(realJson());
    }
}
