package org.p4vpn.p4rt;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network file format shared by ONOS, the runtime, the emulator and the labs. */
class NetworkFileTest {

    private static NetworkFile parse(String json) throws Exception {
        return NetworkFile.parse(new ObjectMapper().readTree(json.replace('\'', '"')));
    }

    @Test
    void theSeedLabFileParses() throws Exception {
        try (InputStream in = Files.newInputStream(Paths.get("..", "mininet-topologies", "seed-basic",
                                                              "network.json"))) {
            NetworkFile f = NetworkFile.read(in);
            assertEquals(3, f.devices().size());
            assertEquals(50001, f.devices().get("device:pe1").grpcPort);
            assertEquals("PE", f.devices().get("device:pe1").role);
            assertEquals(2, f.links().size());
            assertEquals(7, f.hosts().size());
            assertEquals("PHP", f.tunnelMode());
        }
    }

    @Test
    void errorsNameTheEntry() {
        String dev = "'devices':{'device:a':{'basic':{'managementAddress':'grpc://127.0.0.1:1?device_id=1'},"
                + "'p4vpn':{'role':'PE','routerId':'1.1.1.1','routerMac':'00:aa:00:00:00:01'}}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("{" + dev + ",'links':{'device:a/1-device:b/1':{}}}"));
        assertTrue(e.getMessage().contains("no device device:b"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("{" + dev.replace("grpc://", "http://") + "}"));
        assertTrue(e.getMessage().contains("devices.device:a.basic.managementAddress"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("{" + dev + ",'hostz':{}}"));
        assertTrue(e.getMessage().contains("hostz: unknown field"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("{" + dev.replace(",'routerId':'1.1.1.1'", "")
                + "}"));
        assertTrue(e.getMessage().contains("p4vpn.routerId is required"), e.getMessage());
    }
}
