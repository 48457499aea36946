package org.p4vpn.rest;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** openapi.yaml describes exactly the resource methods: every documented operation exists and vice versa. */
class OpenApiDocumentTest {

    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void documentAndResourcesAgree() throws IOException {
        assertEquals(resourceOperations(), documentedOperations());
    }

    @Test
    void serverUrlIsTheBasePath() throws IOException {
        Map<String, Object> doc = document();
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3."));
        assertEquals("[{url=" + RestApplication.BASE_PATH + "}]", String.valueOf(doc.get("servers")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            return new Yaml().load(in);
        }
    }

    /** "GET /vpns/{name}" for every operation of the document. */
    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() throws IOException {
        Set<String> ops = new TreeSet<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document().get("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(VERBS::contains)
                .forEach(verb -> ops.add(verb.toUpperCase() + " " + path)));
        return ops;
    }

    /** The same for every JAX-RS resource method, path templates stripped of their regular expressions. */
    private static Set<String> resourceOperations() {
        Set<String> ops = new TreeSet<>();
        for (Class<?> resource : RestApplication.RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                ops.add(verb + " " + normalize(base + "/" + (sub == null ? "" : sub.value())));
            }
        }
        return ops;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String normalize(String path) {
        String p = ("/" + path).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
