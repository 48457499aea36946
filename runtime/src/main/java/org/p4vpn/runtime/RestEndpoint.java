package org.p4vpn.runtime;

import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LspService;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.rest.RestServer;
import org.p4vpn.rest.Services;
import org.p4vpn.rest.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The REST API of the embedded runtime: the managers behind {@code /l3vpn/v1}, with HTTP basic
 * authentication against a users file ({@code user=hash} lines). Without a users file, one is made
 * with the user {@code admin} and a random password that is shown once. The job itself provisions
 * its scenario over the API as the user {@value #JOB_USER}, whose password is made at each start
 * and never leaves the process (it is in no file). The web UI (module {@code web-ui}, resources under
 * {@value #UI_RESOURCES}) is served on the same port at {@code /l3vpn/ui/}.
 */
public final class RestEndpoint implements AutoCloseable {

    /** The user made when there is no users file. */
    public static final String FIRST_USER = "admin";
    /** The user the main job provisions as. */
    public static final String JOB_USER = "p4vpn-job";
    /** Class path folder of the web UI's files. */
    public static final String UI_RESOURCES = "p4vpn-ui/";

    private final RestServer server;
    private final String firstPassword;
    private final String jobPassword;
    private final String host;
    private final boolean ui;

    private RestEndpoint(RestServer server, String host, String firstPassword, String jobPassword, boolean ui) {
        this.server = server;
        this.ui = ui;
        this.host = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        this.firstPassword = firstPassword;
        this.jobPassword = jobPassword;
    }

    static final NetworkStateService NO_NETWORK = new NetworkStateService() {
        @Override
        public java.util.Collection<org.p4vpn.api.NetworkSwitch> getSwitches() {
            return java.util.List.of();
        }

        @Override
        public java.util.Collection<org.p4vpn.api.NetworkLink> getLinks() {
            return java.util.List.of();
        }
    };

    /**
     * Starts the API.
     *
     * @param runtime   the runtime whose services it serves
     * @param host      address to listen on
     * @param port      port (0: any free one)
     * @param usersFile users file, made if absent; null keeps a generated user in memory only
     * @return the endpoint
     * @throws IllegalArgumentException if the users file is malformed
     */
    public static RestEndpoint start(EmbeddedRuntime runtime, String host, int port, Path usersFile) {
        // Without a programmer: no LSPs, no switches.
        return start(runtime, host, port, usersFile, java.util.List::of, NO_NETWORK);
    }

    /**
     * Starts the API with the LSPs of a programmer.
     *
     * @param runtime   the runtime whose services it serves
     * @param host      address to listen on
     * @param port      port (0: any free one)
     * @param usersFile users file, made if absent; null keeps a generated user in memory only
     * @param lsps      the programmer's LSPs ({@code /lsps})
     * @param network   switches and links as the programmer sees them ({@code /topology})
     * @return the endpoint
     * @throws IllegalArgumentException if the users file is malformed
     */
    public static RestEndpoint start(EmbeddedRuntime runtime, String host, int port, Path usersFile,
                                     LspService lsps, NetworkStateService network) {
        return start(runtime, host, port, usersFile, lsps, network, null);
    }

    /**
     * Starts the API with the LSPs of a programmer and the BGP neighbors of a speaker.
     *
     * @param runtime   the runtime whose services it serves
     * @param host      address to listen on
     * @param port      port (0: any free one)
     * @param usersFile users file, made if absent; null keeps a generated user in memory only
     * @param lsps      the programmer's LSPs ({@code /lsps})
     * @param network   switches and links as the programmer sees them ({@code /topology})
     * @param bgp       the BGP speaker's neighbors ({@code /bgp/neighbors}), or null if none runs
     * @return the endpoint
     * @throws IllegalArgumentException if the users file is malformed
     */
    public static RestEndpoint start(EmbeddedRuntime runtime, String host, int port, Path usersFile,
                                     LspService lsps, NetworkStateService network, BgpNeighborService bgp) {
        String password = null;
        Users users;
        try {
            if (usersFile != null && Files.exists(usersFile)) {
                users = Users.load(usersFile);
            } else {
                password = randomPassword();
                String hash = Users.hash(password.toCharArray());
                users = Users.empty().addHash(FIRST_USER, hash);
                if (usersFile != null) {
                    Files.createDirectories(usersFile.toAbsolutePath().getParent());
                    Files.writeString(usersFile, "# user=hash; make a hash with: echo PASSWORD | java -cp "
                            + "'runtime/target/lib/*' org.p4vpn.rest.Users\n" + FIRST_USER + "=" + hash + "\n",
                                      StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the users file " + usersFile, e);
        }
        String job = randomPassword();
        users.add(JOB_USER, job);
        Map<Class<?>, Object> byType = new java.util.HashMap<>(Map.<Class<?>, Object>of(L3VpnService.class,
                runtime.vpnService(), L3VpnAdminService.class, runtime.adminService(), VpnRouteService.class,
                runtime.routeService(), LspService.class, lsps, NetworkStateService.class, network));
        if (bgp != null) {
            byType.put(BgpNeighborService.class, bgp);
        }
        Services services = Services.of(byType);
        ClassLoader loader = RestEndpoint.class.getClassLoader();
        // the UI comes with the web-ui jar; a class path without it still serves the API
        boolean ui = loader.getResource(UI_RESOURCES + "index.html") != null;
        RestServer server = ui ? RestServer.startWithUi(host, port, services, users, loader, UI_RESOURCES)
                : RestServer.start(host, port, services, users);
        return new RestEndpoint(server, host, password, job, ui);
    }

    private static String randomPassword() {
        SecureRandom r = new SecureRandom();
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Returns the port the API listens on.
     *
     * @return port
     */
    public int port() {
        return server.port();
    }

    /**
     * Returns the address of the web UI.
     *
     * @return URL, or empty when the UI is not on the class path
     */
    public java.util.Optional<String> uiUrl() {
        return ui ? java.util.Optional.of("http://" + host + ":" + port() + RestServer.UI_PATH) : java.util.Optional.empty();
    }

    /**
     * Returns the password of the user made at this start, if one was made.
     *
     * @return password or null
     */
    public String firstPassword() {
        return firstPassword;
    }

    /**
     * Returns a provisioner that talks to this API as the job's user.
     *
     * @return provisioner
     */
    public RestProvisioner provisioner() {
        return new RestProvisioner("http://" + host + ":" + port() + "/l3vpn/v1", JOB_USER, jobPassword);
    }

    @Override
    public void close() {
        server.close();
    }
}
