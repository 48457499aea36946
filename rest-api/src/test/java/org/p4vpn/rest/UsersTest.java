package org.p4vpn.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user table: salted PBKDF2 hashes, a properties file, rejection of malformed entries. */
class UsersTest {

    @Test
    void hashesAreSaltedAndVerify() {
        String a = Users.hash("pw".toCharArray());
        String b = Users.hash("pw".toCharArray());
        assertNotEquals(a, b, "fresh salt each time");
        Users users = Users.empty().addHash("alice", a);
        assertTrue(users.verify("alice", "pw"));
        assertTrue(users.verify("alice", "pw"), "again, from the cache");
        assertFalse(users.verify("alice", "PW"));
        assertFalse(users.verify("bob", "pw"));
        assertFalse(users.verify(null, "pw"));
    }

    @Test
    void replacingAPasswordForgetsTheOldOne() {
        Users users = Users.empty().add("alice", "old");
        assertTrue(users.verify("alice", "old"));
        users.add("alice", "new");
        assertFalse(users.verify("alice", "old"));
        assertTrue(users.verify("alice", "new"));
    }

    @Test
    void loadsAPropertiesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# REST users\nalice=" + Users.hash("a1".toCharArray()) + "\nbob = "
                + Users.hash("b2".toCharArray()) + "\n");
        Users users = Users.load(file);
        assertTrue(users.verify("alice", "a1"));
        assertTrue(users.verify("bob", "b2"));
        assertFalse(users.verify("bob", "a1"));
        assertEquals(Users.Role.ADMIN, users.role("alice"), "no role given: admin");
    }

    @Test
    void aViewerIsReadOnlyAndABadRoleIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "carol=" + Users.hash("c3".toCharArray()) + ",viewer\n");
        assertEquals(Users.Role.VIEWER, Users.load(file).role("carol"));
        Files.writeString(file, "carol=" + Users.hash("c3".toCharArray()) + ",root\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Users.load(file));
        assertTrue(e.getMessage().contains("carol") && e.getMessage().contains("'root'"), e.getMessage());
    }

    @Test
    void rejectsMalformedEntries() {
        assertThrows(IllegalArgumentException.class, () -> Users.empty().addHash("alice", "plaintext"));
        assertThrows(IllegalArgumentException.class, () -> Users.empty().addHash("a:b", Users.hash("x".toCharArray())));
        assertThrows(IllegalArgumentException.class, () -> Users.empty().addHash("alice", "pbkdf2-sha256$0$AA==$AA=="));
    }
}
