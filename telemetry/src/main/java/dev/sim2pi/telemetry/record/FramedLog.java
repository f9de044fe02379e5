package dev.sim2pi.telemetry.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The crash-safe file format shared by recorder datasets and the publisher's spool: an 8-byte
 * magic, then records of {@code [u32 length][u32 CRC-32C of payload][payload]} (little endian).
 * A record is only trusted when its length fits the file and its checksum matches, so a write
 * torn by a crash or power cut is detected and everything before it stays readable.
 */
public final class FramedLog {

    /** File magic: identifies the format and its version. */
    public static final byte[] MAGIC = "S2PLOG1\n".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of framing before each payload. */
    public static final int RECORD_HEADER_BYTES = 8;
    /** Larger lengths are treated as corruption. */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    private FramedLog() {
    }

    /** Visits the payload of one valid record. */
    @FunctionalInterface
    public interface RecordVisitor {
        /** {@code offset} is where the record's header starts in the file. */
        void record(long offset, byte[] payload) throws IOException;
    }

    /**
     * What a scan found.
     *
     * @param records    valid records visited
     * @param validBytes where the last valid record ends (new records are appended there)
     * @param torn       whether bytes after the last valid record were left out (a torn tail)
     * @param badRecords stretches of damaged bytes between valid records that were skipped
     * @param badBytes   bytes in those stretches
     */
    public record ScanResult(long records, long validBytes, boolean torn, long badRecords, long badBytes) {
    }

    /**
     * Opens {@code file} for appending, creating it with the magic if absent or shorter than the
     * magic (a crash right after creating it); a torn tail is cut off so new records follow the
     * last valid one. Damage between valid records is kept (readers skip it): cutting there would
     * delete every good record after it.
     */
    public static FileChannel openForAppend(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (ch.size() < MAGIC.length && startsLikeMagic(ch)) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(MAGIC), 0);
            ch.position(MAGIC.length);
            return ch;
        }
        try {
            ScanResult scan = scan(ch, null);
            if (scan.torn()) {
                ch.truncate(scan.validBytes());
            }
            ch.position(scan.validBytes());
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether a file shorter than the magic holds a prefix of it (or nothing). */
    private static boolean startsLikeMagic(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) ch.size());
        ch.read(b, 0);
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads every valid record of {@code file} in order. Damaged stretches between valid records
     * are skipped and counted; bytes after the last valid record count as a torn tail.
     */
    public static ScanResult read(Path file, RecordVisitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(ch, visitor);
        }
    }

    /** Like {@link #read} on an open channel. */
    public static ScanResult scan(FileChannel ch, RecordVisitor visitor) throws IOException {
        long size = ch.size();
        ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
        readFully(ch, magic, 0);
        if (size < MAGIC.length || !java.util.Arrays.equals(magic.array(), MAGIC)) {
            throw new IOException("not a sim2pi framed log (bad magic)");
        }
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        long pos = MAGIC.length;
        long validEnd = pos;
        long records = 0;
        long badRecords = 0;
        long badBytes = 0;
        while (pos < size) {
            byte[] payload = recordAt(ch, header, crc, pos, size);
            if (payload == null) {
                long next = nextValidRecord(ch, header, crc, pos + 1, size);
                if (next < 0) {
                    return new ScanResult(records, validEnd, true, badRecords, badBytes);
                }
                badRecords++;
                badBytes += next - pos;
                pos = next;
                continue;
            }
            if (visitor != null) {
                visitor.record(pos, payload);
            }
            records++;
            pos += RECORD_HEADER_BYTES + payload.length;
            validEnd = pos;
        }
        return new ScanResult(records, validEnd, false, badRecords, badBytes);
    }

    /** The payload of a valid record starting at {@code pos}, or null. */
    private static byte[] recordAt(FileChannel ch, ByteBuffer header, CRC32C crc, long pos, long size)
            throws IOException {
        if (size - pos < RECORD_HEADER_BYTES) {
            return null;
        }
        header.clear();
        readFully(ch, header, pos);
        int length = header.getInt(0);
        int expectedCrc = header.getInt(4);
        if (length < 0 || length > MAX_RECORD_BYTES || size - pos - RECORD_HEADER_BYTES < length) {
            return null;
        }
        byte[] payload = new byte[length];
        readFully(ch, ByteBuffer.wrap(payload), pos + RECORD_HEADER_BYTES);
        crc.reset();
        crc.update(payload);
        return (int) crc.getValue() == expectedCrc ? payload : null;
    }

    /**
     * The next offset from {@code from} where a valid record starts, or -1. Damaged bytes match a
     * length that fits and its 32-bit checksum by chance about once in four billion tries, so a
     * match is taken as the next record.
     */
    private static long nextValidRecord(FileChannel ch, ByteBuffer header, CRC32C crc, long from, long size)
            throws IOException {
        ByteBuffer window = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        long base = from;
        while (base + RECORD_HEADER_BYTES <= size) {
            window.clear();
            window.limit((int) Math.min(window.capacity(), size - base));
            readFully(ch, window, base);
            int n = window.limit();
            for (int i = 0; i + RECORD_HEADER_BYTES <= n; i++) {
                int length = window.getInt(i);
                // Cheap filter before reading a payload: the length must fit the file.
                if (length >= 0 && length <= MAX_RECORD_BYTES && size - (base + i) - RECORD_HEADER_BYTES >= length
                        && recordAt(ch, header, crc, base + i, size) != null) {
                    return base + i;
                }
            }
            base += Math.max(1, n - RECORD_HEADER_BYTES + 1);
        }
        return -1;
    }

    /**
     * Appends one record at the channel's position; returns the offset its header starts at.
     * {@code scratch} is reused between calls to keep the writer free of per-record garbage.
     */
    public static long append(FileChannel ch, ByteBuffer scratch, CRC32C crc, byte[] payload, int off, int len)
            throws IOException {
        long at = ch.position();
        crc.reset();
        crc.update(payload, off, len);
        scratch.clear();
        scratch.order(ByteOrder.LITTLE_ENDIAN).putInt(len).putInt((int) crc.getValue()).flip();
        ByteBuffer body = ByteBuffer.wrap(payload, off, len);
        while (scratch.hasRemaining() || body.hasRemaining()) {
            ch.write(new ByteBuffer[] {scratch, body});
        }
        return at;
    }

    /** Reads the payload of the record whose header starts at {@code offset}. */
    public static byte[] readAt(FileChannel ch, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, header, offset);
        byte[] payload = new byte[header.getInt(0)];
        readFully(ch, ByteBuffer.wrap(payload), offset + RECORD_HEADER_BYTES);
        return payload;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        buf.flip();
    }
}
