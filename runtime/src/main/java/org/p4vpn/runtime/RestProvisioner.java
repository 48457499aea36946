package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a scenario over the REST API, as an operator's script would, idempotently: what is
 * configured already and equal is left alone, so a restart on a kept data directory changes nothing.
 * A request the API refuses stops the run with the API's error (field, value, message).
 */
public final class RestProvisioner {

    /** A request the API refused. */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedException(String request, int status, String body) {
            super(request + " answered " + status + ": " + body);
        }
    }

    private final RestClient client;

    /**
     * Creates a provisioner.
     *
     * @param base     API base URL, e.g. {@code http://127.0.0.1:8181/l3vpn/v1}
     * @param user     user
     * @param password password
     */
    public RestProvisioner(String base, String user, String password) {
        this.client = new RestClient(base, user, password);
    }

    /**
     * Applies a scenario.
     *
     * @param scenario scenario
     * @param progress receives a line per change made
     * @return number of changes made
     * @throws RefusedException if the API refuses a request
     */
    public int apply(Scenario scenario, Consumer<String> progress) {
        int changes = 0;
        for (ProviderNode n : scenario.nodes()) {
            String path = "/nodes/" + encode(n.deviceId().toString());
            if (!read(path, j -> VpnJson.node(j, "node")).equals(Optional.of(n))) {
                send("PUT", path, VpnJson.encode(n), 200);
                progress.accept("node " + n.deviceId() + " " + n.role() + " " + n.routerId());
                changes++;
            }
        }
        for (VpnInstance v : scenario.vpns()) {
            String path = "/vpns/" + encode(v.name());
            Optional<VpnInstance> have = read(path, j -> VpnJson.vpnInstance(j, "vpn"));
            if (have.isEmpty()) {
                send("POST", "/vpns", VpnJson.encode(v), 201);
            } else if (!have.get().equals(v)) {
                send("PUT", path, VpnJson.encode(v), 200);
            } else {
                continue;
            }
            progress.accept("vpn " + v.name() + " rd " + v.routeDistinguisher());
            changes++;
        }
        for (Site s : scenario.sites()) {
            String path = "/sites/" + encode(s.name());
            Optional<Site> have = read(path, j -> VpnJson.site(j, "site"));
            if (have.equals(Optional.of(s))) {
                continue;
            }
            if (have.isPresent()) {
                send("DELETE", path, null, 204);
            }
            send("POST", "/sites", VpnJson.encode(s), 201);
            progress.accept("site " + s.name() + " on " + s.device() + "/" + s.port() + " in " + s.vpn());
            changes++;
        }
        return changes;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> Optional<T> read(String path, Function<JsonNode, T> decode) {
        HttpResponse<String> r = client.exchange("GET", path, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new RefusedException("GET " + path, r.statusCode(), r.body());
        }
        try {
            return Optional.of(decode.apply(VpnJson.mapper().readTree(r.body())));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": not JSON", e);
        }
    }

    private void send(String method, String path, JsonNode body, int expected) {
        HttpResponse<String> r = client.exchange(method, path, body == null ? null : body.toString());
        if (r.statusCode() != expected) {
            throw new RefusedException(method + " " + path, r.statusCode(), r.body());
        }
    }
}
