package org.p4vpn.rest;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user table of the REST API: user name to password hash. A hash reads
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<key, base64>} (PBKDF2WithHmacSHA256 of the JDK).
 * A properties file holds {@code user=hash} lines, or {@code user=hash,viewer} for a user who may
 * only read; {@code java -cp ... org.p4vpn.rest.Users} prints the hash of a password typed on
 * standard input.
 */
public final class Users {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 20_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    // Compared against when the user is unknown, so that the time taken does not tell.
    private static final String DUMMY = hash("not-a-password".toCharArray());

    /** What a user may do. */
    public enum Role {
        /** Reads and writes. */
        ADMIN,
        /** Reads only (GET, HEAD, OPTIONS). */
        VIEWER
    }

    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    // user -> SHA-256(hash, password) of the last password that matched: spares PBKDF2 on every request
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    /**
     * Returns an empty table.
     *
     * @return users
     */
    public static Users empty() {
        return new Users();
    }

    /**
     * Loads a table from a properties file of {@code user=hash} lines.
     *
     * @param file properties file
     * @return users
     * @throws IOException if unreadable
     * @throws IllegalArgumentException if a hash is malformed
     */
    public static Users load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Users users = new Users();
        for (String u : p.stringPropertyNames()) {
            String[] v = p.getProperty(u).trim().split(",", 2);
            Role role;
            try {
                role = v.length == 1 ? Role.ADMIN : Role.valueOf(v[1].trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": user " + u + ": the role after the hash is admin or "
                        + "viewer, not '" + v[1].trim() + "'");
            }
            users.addHash(u, v[0].trim(), role);
        }
        return users;
    }

    /**
     * Adds or replaces a user with a password (hashed here).
     *
     * @param user     user name
     * @param password password
     * @return this
     */
    public Users add(String user, String password) {
        return addHash(user, hash(password.toCharArray()));
    }

    /**
     * Adds or replaces a user with a password and a role.
     *
     * @param user     user name
     * @param password password
     * @param role     role
     * @return this
     */
    public Users add(String user, String password, Role role) {
        return addHash(user, hash(password.toCharArray()), role);
    }

    /**
     * Adds or replaces a user with a password hash made by {@link #hash(char[])}.
     *
     * @param user user name
     * @param hash password hash
     * @return this
     */
    public Users addHash(String user, String hash) {
        return addHash(user, hash, Role.ADMIN);
    }

    /**
     * Adds or replaces a user with a password hash and a role.
     *
     * @param user user name
     * @param hash password hash
     * @param role role
     * @return this
     */
    public Users addHash(String user, String hash, Role role) {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a user name is non-empty and has no ':'");
        }
        parse(hash);
        hashes.put(user, hash);
        roles.put(user, Objects.requireNonNull(role, "role"));
        verified.remove(user);
        return this;
    }

    /**
     * Returns a user's role.
     *
     * @param user user name
     * @return role, {@link Role#VIEWER} for an unknown user
     */
    public Role role(String user) {
        return roles.getOrDefault(user, Role.VIEWER);
    }

    /**
     * Tells whether a user exists and the password is theirs.
     *
     * @param user     user name
     * @param password password
     * @return true if so
     */
    public boolean verify(String user, String password) {
        String hash = user == null ? null : hashes.get(user);
        String against = hash != null ? hash : DUMMY;
        byte[] quick = quickDigest(against, password);
        byte[] seen = hash != null ? verified.get(user) : null;
        if (seen != null && MessageDigest.isEqual(seen, quick)) {
            return true;
        }
        String[] parts = parse(against);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(password.toCharArray(), Base64.getDecoder().decode(parts[2]),
                Integer.parseInt(parts[1]));
        boolean ok = MessageDigest.isEqual(expected, actual) && hash != null;
        if (ok) {
            verified.put(user, quick);
        }
        return ok;
    }

    /**
     * Hashes a password with a fresh salt.
     *
     * @param password password
     * @return hash in the form this table stores
     */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    private static String[] parse(String hash) {
        String[] parts = Objects.requireNonNull(hash, "hash").split("\\$");
        try {
            if (parts.length == 4 && parts[0].equals(SCHEME) && Integer.parseInt(parts[1]) > 0) {
                Base64.getDecoder().decode(parts[2]);
                Base64.getDecoder().decode(parts[3]);
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("a password hash reads " + SCHEME + "$<iterations>$<salt>$<key>");
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] quickDigest(String hash, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(hash.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            return d.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints the hash of the password on the first line of standard input, for a users file.
     *
     * @param args unused
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            System.err.println("usage: echo PASSWORD | java -cp ... org.p4vpn.rest.Users");
            System.exit(2);
        }
        System.out.println(hash(line.toCharArray()));
    }
}
