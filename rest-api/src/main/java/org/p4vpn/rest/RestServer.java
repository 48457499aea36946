package org.p4vpn.rest;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
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
 * (the web UI) may be served at {@code /}.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

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
        URI base = URI.create("http://" + host + ":" + port + RestApplication.BASE_PATH + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(base,
                RestApplication.config(services, users), false);
        if (staticDir != null) {
            if (!Files.isDirectory(staticDir)) {
                throw new IllegalArgumentException(staticDir + " is not a directory");
            }
            server.getServerConfiguration().addHttpHandler(new StaticHttpHandler(staticDir.toString()), "/");
        }
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
