package org.p4vpn.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * An append-only log of map writes in a data directory, the durable half of the embedded store.
 * A write is acknowledged only after its record is forced to disk, so a kill at any moment loses
 * no acknowledged write; a record cut short by the kill fails its checksum and is dropped on the
 * next start, with everything after it. On start the log is replayed and rewritten compacted.
 * Record: length (int), CRC-32 of the body (int), body: map name, op (1 put, 2 remove), key, value.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    static final String FILE = "store.journal";

    /** A key's bytes, usable as a map key. */
    static final class Bytes {
        private final byte[] b;

        Bytes(byte[] b) {
            this.b = b;
        }

        byte[] get() {
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes && java.util.Arrays.equals(((Bytes) o).b, b);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(b);
        }
    }

    private final Path file;
    private final boolean sync;
    private final Map<String, Map<Bytes, byte[]>> recovered = new HashMap<>();
    private FileChannel channel;

    /**
     * Opens (or creates) the journal in a directory and replays it.
     *
     * @param dir  data directory
     * @param sync whether to force each write to disk before acknowledging it
     */
    Journal(Path dir, boolean sync) {
        this.file = dir.resolve(FILE);
        this.sync = sync;
        try {
            Files.createDirectories(dir);
            replay();
            compact();
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns (and forgets) what the journal held for a map when it was opened.
     *
     * @param map map name
     * @return key bytes to value bytes, in write order
     */
    synchronized Map<Bytes, byte[]> recover(String map) {
        Map<Bytes, byte[]> m = recovered.remove(map);
        return m == null ? Map.of() : m;
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        int records = 0;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                int crc = in.readInt();
                if (len < 0 || len > 64 << 20) {
                    break;
                }
                byte[] body = new byte[len];
                try {
                    in.readFully(body);
                } catch (EOFException e) {
                    break;
                }
                if (crc(body) != crc) {
                    break;
                }
                apply(body);
                good += 8 + len;
                records++;
            }
        }
        long size = Files.size(file);
        if (good < size) {
            LOG.warn("Store journal {}: dropped {} bytes of an unfinished write at its end", file, size - good);
        }
        LOG.info("Store journal {}: replayed {} writes", file, records);
    }

    private void apply(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        String map = in.readUTF();
        byte op = in.readByte();
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        Map<Bytes, byte[]> m = recovered.computeIfAbsent(map, k -> new LinkedHashMap<>());
        if (op == PUT) {
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            m.put(new Bytes(key), value);
        } else {
            m.remove(new Bytes(key));
        }
    }

    /** Rewrites the journal with only the live entries, atomically. */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Map.Entry<String, Map<Bytes, byte[]>> m : recovered.entrySet()) {
                for (Map.Entry<Bytes, byte[]> e : m.getValue().entrySet()) {
                    write(out, record(m.getKey(), PUT, e.getKey().get(), e.getValue()));
                }
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Appends a put and forces it to disk.
     *
     * @param map   map name
     * @param key   key bytes
     * @param value value bytes
     */
    synchronized void put(String map, byte[] key, byte[] value) {
        append(record(map, PUT, key, value));
    }

    /**
     * Appends a removal and forces it to disk.
     *
     * @param map map name
     * @param key key bytes
     */
    synchronized void remove(String map, byte[] key) {
        append(record(map, REMOVE, key, null));
    }

    private void append(byte[] body) {
        try {
            write(channel, body);
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel ch, byte[] body) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + body.length);
        buf.putInt(body.length).putInt(crc(body)).put(body).flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static byte[] record(String map, byte op, byte[] key, byte[] value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + key.length + (value == null ? 0 : value.length));
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(map);
            out.writeByte(op);
            out.writeInt(key.length);
            out.write(key);
            if (value != null) {
                out.writeInt(value.length);
                out.write(value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int crc(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return (int) c.getValue();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the store journal: {}", e.getMessage());
        }
    }
}
