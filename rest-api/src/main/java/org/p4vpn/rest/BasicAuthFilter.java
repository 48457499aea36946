package org.p4vpn.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic authentication against a {@link Users} table. Every request needs a known user:
 * reads (GET, HEAD, OPTIONS) and writes alike; a request without valid credentials gets 401 with
 * {@code WWW-Authenticate}, before any path matching (so unknown paths tell nothing to strangers).
 * The user becomes the request's principal. A viewer may only read: writes get 403. A request
 * marked {@code X-Requested-With: XMLHttpRequest} (the web UI's) gets its 401 without
 * {@code WWW-Authenticate}: browsers then show no login dialog of their own, and the UI asks with its form.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {

    /** Realm named in the challenge. */
    public static final String REALM = "p4vpn";

    private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD", "OPTIONS");

    private final Users users;

    /**
     * Creates the filter.
     *
     * @param users user table
     */
    public BasicAuthFilter(Users users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String user = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            request.abortWith(challenge(!"XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"))));
            return;
        }
        if (users.role(user) == Users.Role.VIEWER && !READS.contains(request.getMethod())) {
            request.abortWith(ErrorBody.response(Response.Status.FORBIDDEN, null, null,
                    "user " + user + " may only read (role viewer): " + request.getMethod() + " refused"));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        Principal principal = () -> user;
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return users.role(user).name().equalsIgnoreCase(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    /** Returns the user the header proves, or null. */
    private String authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return users.verify(user, decoded.substring(colon + 1)) ? user : null;
    }

    private static Response challenge(boolean withHeader) {
        Response r = ErrorBody.response(Response.Status.UNAUTHORIZED, null, null,
                "authentication required: give a user name and password (HTTP Basic)");
        if (!withHeader) {
            return r;
        }
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"").build();
    }
}
