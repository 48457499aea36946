package org.p4vpn.rest;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.StaticHttpHandler;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The REST API on an embedded Grizzly HTTP server (the embedded runtime's; ONOS serves the same
 * resources from its own web container). The API lives under {@code /l3vpn/v1}; static files
 * (a directory) may be served at {@code /}, or the web UI (class path resources) at {@value #UI_PATH}.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    /** Where the web UI is served; {@code /} redirects there. */
    public static final String UI_PATH = "/ui/";

    private final HttpServer server;
    private final int port;

    private RestServer(HttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the API without static files.
     *
     * @param host     address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port     TCP port, 0 for any free one
     * @param services the VPN services
     * @param users    who may use the API
     * @return the running server
     */
    public static RestServer start(String host, int port, Services services, Users users) {
        return start(host, port, services, users, null);
    }

    /**
     * Starts the API and, if a directory is given, serves its files at {@code /}.
     *
     * @param host      address to listen on
     * @param port      TCP port, 0 for any free one
     * @param services  the VPN services
     * @param users     who may use the API
     * @param staticDir directory of static files, or null
     * @return the running server
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static RestServer start(String host, int port, Services services, Users users, Path staticDir) {
        HttpServer server = create(host, port, services, users);
        if (staticDir != null) {
            if (!Files.isDirectory(staticDir)) {
                throw new IllegalArgumentException(staticDir + " is not a directory");
            }
            server.getServerConfiguration().addHttpHandler(new StaticHttpHandler(staticDir.toString()), "/");
        }
        return listen(server, host, port);
    }

    /**
     * Starts the API and the web UI: the class path resources under {@code uiRoot} (a folder with
     * an {@code index.html}) at {@value #UI_PATH}, and {@code /} redirecting there. The UI's files
     * are public (they hold no data); everything they show comes from the API, which wants credentials.
     *
     * @param host     address to listen on
     * @param port     TCP port, 0 for any free one
     * @param services the VPN services
     * @param users    who may use the API
     * @param loader   class loader that holds the UI's resources
     * @param uiRoot   resource folder of the UI, e.g. {@code p4vpn-ui/}
     * @return the running server
     * @throws IllegalArgumentException if {@code uiRoot} has no {@code index.html}
     * @throws UncheckedIOException     if the port cannot be bound
     */
    public static RestServer startWithUi(String host, int port, Services services, Users users,
                                         ClassLoader loader, String uiRoot) {
        String root = uiRoot.endsWith("/") ? uiRoot : uiRoot + "/";
        if (loader.getResource(root + "index.html") == null) {
            throw new IllegalArgumentException("no web UI at " + root + "index.html on the class path");
        }
        HttpServer server = create(host, port, services, users);
        String bare = UI_PATH.substring(0, UI_PATH.length() - 1);
        CLStaticHttpHandler ui = new CLStaticHttpHandler(loader, "/" + root) {
            @Override
            public void service(Request request, Response response) throws Exception {
                // the page's relative links need the trailing slash
                if (bare.equals(request.getRequestURI())) {
                    response.sendRedirect(UI_PATH);
                } else {
                    super.service(request, response);
                }
            }
        };
        ui.setFileCacheEnabled(false);
        server.getServerConfiguration().addHttpHandler(ui, bare);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                if ("/".equals(request.getRequestURI())) {
                    response.sendRedirect(UI_PATH);
                } else {
                    response.setStatus(404, "Not Found");
                }
            }
        }, "/");
        return listen(server, host, port);
    }

    private static HttpServer create(String host, int port, Services services, Users users) {
        URI base = URI.create("http://" + host + ":" + port + RestApplication.BASE_PATH + "/");
        return GrizzlyHttpServerFactory.createHttpServer(base, RestApplication.config(services, users), false);
    }

    private static RestServer listen(HttpServer server, String host, int port) {
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        // let a prefix's slash travel as %2F in a path segment (DELETE /sites/{name}/routes/{prefix}):
        // the root handler (which maps to the others) and each handler decode the path themselves
        server.getHttpHandler().setAllowEncodedSlash(true);
        server.getServerConfiguration().getHttpHandlers().keySet().forEach(h -> h.setAllowEncodedSlash(true));
        NetworkListener listener = server.getListeners().iterator().next();
        RestServer rest = new RestServer(server, listener.getPort());
        LOG.info("REST API at http://{}:{}{}", host, rest.port, RestApplication.BASE_PATH);
        return rest;
    }

    /**
     * Returns the port listened on (the one picked when 0 was asked for).
     *
     * @return TCP port
     */
    public int port() {
        return port;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
