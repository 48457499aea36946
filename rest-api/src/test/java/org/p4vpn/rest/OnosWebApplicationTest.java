package org.p4vpn.rest;

import org.junit.jupiter.api.Test;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LspService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ONOS packaging of the API: same resources, services from ONOS's directory, web.xml naming it. */
class OnosWebApplicationTest {

    @Test
    void servesTheSameResourcesAsTheEmbeddedRuntime() {
        assertTrue(new OnosWebApplication().getClasses().containsAll(RestApplication.RESOURCES));
        assertTrue(new OnosWebApplication().getClasses().contains(L3VpnExceptionMapper.class),
                   "errors answer with the same JSON bodies");
    }

    @Test
    void servicesComeFromTheDirectoryAndAMissingOneIsNamed() {
        LspService lsps = List::of;
        ServiceDirectory dir = new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> type) {
                if (type == LspService.class) {
                    return type.cast(lsps);
                }
                throw new ServiceNotFoundException("no " + type);
            }
        };
        OnosServices services = new OnosServices(dir);
        assertSame(lsps, services.get(LspService.class));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> services.get(L3VpnService.class));
        assertTrue(e.getMessage().contains("L3VpnService"), e.getMessage());
    }

    @Test
    void webXmlNamesTheApplication() throws Exception {
        String xml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        assertTrue(xml.contains(OnosWebApplication.class.getName()) && xml.contains("/v1/*"), xml);
    }
}
