package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.record.FramedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The publisher's bounded on-disk queue of outgoing messages, in send order. Every message goes
 * through it (write-ahead), so order survives outages and a controller restart resumes where the
 * broker last acknowledged. Segments are append-only {@link FramedLog} files, deleted once all
 * their messages are acknowledged; while the broker is reachable they usually live a few seconds
 * in the page cache and never reach the SD card. When the spool exceeds its byte budget the
 * oldest segment is dropped and its messages counted.
 *
 * <p>Single-threaded: only the sender thread uses it.
 */
final class Spool implements AutoCloseable {

    /** One stored message. */
    static final class Entry {
        final Segment segment;
        final long offset;
        final int bytes;
        /** Last frame sequence of a batch of this run's session; -1 for other messages. */
        final long lastSequence;
        boolean acked;
        long ackedAtNanos;

        Entry(Segment segment, long offset, int bytes, long lastSequence) {
            this.segment = segment;
            this.offset = offset;
            this.bytes = bytes;
            this.lastSequence = lastSequence;
        }
    }

    static final class Segment {
        final long number;
        final Path file;
        final FileChannel channel;
        /** Entries not yet acknowledged (what a full spool loses when it drops this segment). */
        int unacked;
        /** Entries still referenced: unacknowledged, or acknowledged but kept for replay. */
        int live;
        long bytes;

        Segment(long number, Path file, FileChannel channel) throws IOException {
            this.number = number;
            this.file = file;
            this.channel = channel;
            this.bytes = channel.size();
        }
    }

    private static final String ACK_FILE = "acked";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    /** Handed out for sending and not yet acknowledged, oldest first. */
    private final ArrayDeque<Entry> sentEntries = new ArrayDeque<>();
    /** Not handed out yet, oldest first; all newer than {@link #sentEntries}. */
    private final ArrayDeque<Entry> unsent = new ArrayDeque<>();
    /** Acknowledged within the replay horizon, oldest first; all older than {@link #sentEntries}. */
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();

    private final ByteBuffer scratch = ByteBuffer.allocate(FramedLog.RECORD_HEADER_BYTES);
    private final CRC32C crc = new CRC32C();
    private long lastSegmentNumber;
    private long storedBytes;
    private long droppedMessages;
    private long lastForceNanos;
    private boolean dirty;

    /**
     * Opens the spool in {@code dir}, resuming any messages left by a previous run.
     *
     * @param maxBytes byte budget of all segments; beyond it the oldest segment is dropped
     */
    Spool(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(64 * 1024, maxBytes / 16);
        Files.createDirectories(dir);
        long[] acked = readAckMark();
        lastSegmentNumber = acked[0];
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("spool-\\d{16}\\.seg")).sorted().toList());
        }
        for (Path file : files) {
            long number = Long.parseLong(file.getFileName().toString().substring(6, 22));
            lastSegmentNumber = Math.max(lastSegmentNumber, number);
            Segment seg = new Segment(number, file, FramedLog.openForAppend(file));
            seg.bytes = seg.channel.size();
            FramedLog.scan(seg.channel, (offset, payload) -> {
                if (number > acked[0] || (number == acked[0] && offset >= acked[1])) {
                    unsent.add(new Entry(seg, offset, payload.length, -1));
                    seg.unacked++;
                    seg.live++;
                }
            });
            segments.add(seg);
            storedBytes += seg.bytes;
        }
        deleteAckedSegments(false);
    }

    /** Appends a message that no recorder confirms; see {@link #append(byte[], int, long)}. */
    void append(byte[] payload, int len) throws IOException {
        append(payload, len, -1);
    }

    /**
     * Appends a message; a full spool drops its oldest segment (counted) to make room.
     *
     * @param lastSequence last frame sequence of a batch (what a recorder confirms), or -1
     */
    void append(byte[] payload, int len, long lastSequence) throws IOException {
        Segment seg = segments.peekLast();
        if (seg == null || seg.bytes >= segmentBytes) {
            if (seg != null) {
                seg.channel.force(false);
            }
            seg = newSegment(++lastSegmentNumber);
        }
        long offset = FramedLog.append(seg.channel, scratch, crc, payload, 0, len);
        long added = FramedLog.RECORD_HEADER_BYTES + len;
        seg.bytes += added;
        storedBytes += added;
        seg.unacked++;
        seg.live++;
        Entry e = new Entry(seg, offset, len, lastSequence);
        unsent.add(e);
        dirty = true;
        while (storedBytes > maxBytes && segments.size() > 1) {
            dropOldestSegment();
        }
    }

    /** Messages not yet acknowledged. */
    int size() {
        return sentEntries.size() + unsent.size();
    }

    /** Whether a message is waiting to be sent (not yet handed out since the last rewind). */
    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    /** The next message to send, in order; it stays stored until {@link #ack}. */
    Entry nextUnsent() {
        Entry e = unsent.pollFirst();
        sentEntries.addLast(e);
        return e;
    }

    byte[] read(Entry e) throws IOException {
        return FramedLog.readAt(e.segment.channel, e.offset);
    }

    /**
     * Marks {@code e} acknowledged by the broker. Acknowledged messages at the head are kept until
     * a recorder confirms them or they are older than the replay horizon.
     */
    void ack(Entry e, long nowNanos) throws IOException {
        e.acked = true;
        e.ackedAtNanos = nowNanos;
        while (!sentEntries.isEmpty() && sentEntries.peekFirst().acked) {
            Entry head = sentEntries.pollFirst();
            head.segment.unacked--;
            recent.addLast(head);
        }
    }

    /** Forgets acknowledged messages acknowledged longer than {@code replayHorizonNanos} ago. */
    void expire(long nowNanos, long replayHorizonNanos) throws IOException {
        boolean removedAny = false;
        while (!recent.isEmpty() && nowNanos - recent.peekFirst().ackedAtNanos > replayHorizonNanos) {
            recent.pollFirst().segment.live--;
            removedAny = true;
        }
        if (removedAny) {
            deleteAckedSegments(true);
        }
    }

    /** Forgets acknowledged messages a recorder confirmed (frames through {@code sequence} are stored). */
    void confirm(long sequence) throws IOException {
        boolean removedAny = false;
        while (!recent.isEmpty() && recent.peekFirst().lastSequence <= sequence) {
            recent.pollFirst().segment.live--;
            removedAny = true;
        }
        if (removedAny) {
            deleteAckedSegments(true);
        }
    }

    /** When the oldest acknowledged but unconfirmed message was acknowledged, or {@code Long.MAX_VALUE}. */
    long oldestUnconfirmedAckedAtNanos() {
        return recent.isEmpty() ? Long.MAX_VALUE : recent.peekFirst().ackedAtNanos;
    }

    /**
     * After a lost connection: sends again from the oldest message acknowledged within the replay
     * horizon. A broker that dies can lose what it acknowledged but had not yet passed on or
     * saved; replaying the last moments covers that, and the recorder drops the duplicates.
     */
    void rewind() throws IOException {
        while (!sentEntries.isEmpty()) {
            Entry e = sentEntries.pollLast();
            // Acknowledged out of order: still counted as unacknowledged until it reaches the head.
            e.acked = false;
            unsent.addFirst(e);
        }
        while (!recent.isEmpty()) {
            Entry e = recent.pollLast();
            e.acked = false;
            e.segment.unacked++;
            unsent.addFirst(e);
        }
    }

    /** Forces appended data to the device at most once per {@code intervalNanos}. */
    void forceIfDue(long nowNanos, long intervalNanos) throws IOException {
        if (dirty && nowNanos - lastForceNanos >= intervalNanos) {
            Segment seg = segments.peekLast();
            if (seg != null) {
                seg.channel.force(false);
            }
            lastForceNanos = nowNanos;
            dirty = false;
        }
    }

    long droppedMessages() {
        return droppedMessages;
    }

    long storedBytes() {
        return storedBytes;
    }

    private Segment newSegment(long number) throws IOException {
        Path file = dir.resolve(String.format("spool-%016d.seg", number));
        Segment seg = new Segment(number, file, FramedLog.openForAppend(file));
        segments.add(seg);
        storedBytes += seg.bytes;
        return seg;
    }

    private void dropOldestSegment() throws IOException {
        Segment oldest = segments.pollFirst();
        while (!recent.isEmpty() && recent.peekFirst().segment == oldest) {
            recent.pollFirst();
        }
        while (!sentEntries.isEmpty() && sentEntries.peekFirst().segment == oldest) {
            sentEntries.pollFirst();
        }
        while (!unsent.isEmpty() && unsent.peekFirst().segment == oldest) {
            unsent.pollFirst();
        }
        droppedMessages += oldest.unacked;
        close(oldest);
    }

    private void deleteAckedSegments(boolean keepLast) throws IOException {
        while (!segments.isEmpty() && segments.peekFirst().live == 0
                && (segments.size() > 1 || !keepLast || segments.peekFirst().bytes >= segmentBytes)) {
            close(segments.pollFirst());
        }
    }

    private void close(Segment seg) throws IOException {
        seg.channel.close();
        Files.deleteIfExists(seg.file);
        storedBytes -= seg.bytes;
    }

    private long[] readAckMark() throws IOException {
        Path f = dir.resolve(ACK_FILE);
        if (!Files.exists(f)) {
            return new long[] {-1, 0};
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        return b.remaining() == 16 ? new long[] {b.getLong(), b.getLong()} : new long[] {-1, 0};
    }

    /** Records where acknowledged messages end, so a restart does not resend them, and closes. */
    @Override
    public void close() throws IOException {
        Entry head = sentEntries.isEmpty() ? unsent.peekFirst() : sentEntries.peekFirst();
        ByteBuffer mark = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        if (head != null) {
            mark.putLong(head.segment.number).putLong(head.offset);
        } else {
            Segment last = segments.peekLast();
            mark.putLong(last == null ? -1 : last.number).putLong(last == null ? 0 : last.bytes);
        }
        Path tmp = dir.resolve(ACK_FILE + ".tmp");
        Files.write(tmp, mark.array());
        Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (Segment seg : segments) {
            seg.channel.force(false);
            seg.channel.close();
        }
        segments.clear();
    }
}
