package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.publish.SpoolDirectory.Segment;
import dev.sim2pi.telemetry.record.FramedLog;
import dev.sim2pi.telemetry.record.LogAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.zip.CRC32C;

/**
 * The publisher's bounded on-disk queue of outgoing messages, in send order. Every message goes
 * through it (write-ahead), so order survives outages and a controller restart resumes where the
 * broker last acknowledged. Segments are append-only {@link FramedLog} files, deleted once all
 * their messages are acknowledged; while the broker is reachable they usually live a few seconds
 * in the page cache and never reach the SD card. When the spool exceeds its byte budget the
 * oldest segment is dropped and its messages counted.
 *
 * <p>Batches of the running session carry their frame sequence range, so the spool knows its
 * {@link #resendFloor()}: the first frame it may still send again. Frames below it were
 * confirmed, or given up (dropped from a full spool, or past the delivery window) and are
 * declared as such on the next batch, so a recorder stops waiting for them.
 *
 * <p>A damaged segment (shorter than its header after a crash, or not a spool file) never
 * stops the publisher: a short one is started afresh, a foreign one is renamed aside and counted
 * ({@link SpoolDirectory}, which keeps the files).
 *
 * <p>Single-threaded: only the sender thread uses it.
 */
final class Spool implements AutoCloseable {

    /** One stored message. */
    static final class Entry {
        final Segment segment;
        final long offset;
        final int bytes;
        /** First and last frame sequence of a batch of this run's session; -1 for other messages. */
        final long firstSequence;
        final long lastSequence;
        boolean acked;
        long ackedAtNanos;
        /** When the broker first acknowledged it: the delivery window runs from here, resends do not extend it. */
        long firstAckedAtNanos = Long.MIN_VALUE;

        Entry(Segment segment, long offset, int bytes, long firstSequence, long lastSequence) {
            this.segment = segment;
            this.offset = offset;
            this.bytes = bytes;
            this.firstSequence = firstSequence;
            this.lastSequence = lastSequence;
        }
    }

    private final SpoolDirectory files;
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
    private final LogAppender appender;
    private long lastSegmentNumber;
    private long resendFloor;
    private long givenUpFrames;
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
        this(dir, maxBytes, LogAppender.DIRECT);
    }

    /** As {@link #Spool(Path, long)}, writing records through {@code appender}. */
    Spool(Path dir, long maxBytes, LogAppender appender) throws IOException {
        this.files = new SpoolDirectory(dir);
        this.appender = appender;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(64 * 1024, maxBytes / 16);
        SpoolDirectory.Mark acked = files.readMark();
        lastSegmentNumber = acked.segment();
        for (Segment seg : files.openExisting()) {
            lastSegmentNumber = Math.max(lastSegmentNumber, seg.number);
            FramedLog.scan(seg.channel, (offset, payload) -> {
                if (acked.before(seg.number, offset)) {
                    unsent.add(new Entry(seg, offset, payload.length, -1, -1));
                    seg.unacked++;
                    seg.live++;
                }
            });
            segments.add(seg);
            storedBytes += seg.bytes;
        }
        deleteAckedSegments(false);
    }

    /** Appends a message that no recorder confirms; see {@link #append(byte[], int, long, long)}. */
    void append(byte[] payload, int len) throws IOException {
        append(payload, len, -1, -1);
    }

    /**
     * Appends a message; a full spool drops its oldest segment (counted) to make room. A failed
     * write (a full disk) leaves the spool as it was and throws: the caller keeps the message.
     *
     * @param firstSequence first frame sequence of a batch, or -1
     * @param lastSequence  last frame sequence of a batch (what a recorder confirms), or -1
     */
    void append(byte[] payload, int len, long firstSequence, long lastSequence) throws IOException {
        Segment seg = segments.peekLast();
        if (seg == null || seg.bytes >= segmentBytes) {
            if (seg != null) {
                seg.channel.force(false);
            }
            seg = newSegment(lastSegmentNumber + 1);
            lastSegmentNumber++;
        }
        long at = seg.channel.position();
        long offset;
        try {
            offset = appender.append(seg.channel, scratch, crc, payload, 0, len);
        } catch (IOException | RuntimeException e) {
            try {
                seg.channel.truncate(at);
                seg.channel.position(at);
            } catch (IOException ignored) {
                // A torn record is skipped when the spool is read again.
            }
            throw e;
        }
        long added = FramedLog.RECORD_HEADER_BYTES + len;
        seg.bytes += added;
        storedBytes += added;
        seg.unacked++;
        seg.live++;
        Entry e = new Entry(seg, offset, len, firstSequence, lastSequence);
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
        if (e.firstAckedAtNanos == Long.MIN_VALUE) {
            e.firstAckedAtNanos = nowNanos;
        }
        while (!sentEntries.isEmpty() && sentEntries.peekFirst().acked) {
            Entry head = sentEntries.pollFirst();
            head.segment.unacked--;
            recent.addLast(head);
        }
    }

    /**
     * Forgets acknowledged messages first acknowledged longer than {@code replayHorizonNanos} ago
     * (resending one does not extend its time).
     */
    void expire(long nowNanos, long replayHorizonNanos) throws IOException {
        boolean removedAny = false;
        while (!recent.isEmpty() && nowNanos - recent.peekFirst().firstAckedAtNanos > replayHorizonNanos) {
            Entry e = recent.pollFirst();
            e.segment.live--;
            giveUp(e);
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
            Entry e = recent.pollFirst();
            e.segment.live--;
            resendFloor = Math.max(resendFloor, e.lastSequence + 1);
            removedAny = true;
        }
        if (removedAny) {
            deleteAckedSegments(true);
        }
    }

    /** Whether a batch of this session the broker acknowledged still waits for a recorder's confirmation. */
    boolean hasUnconfirmedBatches() {
        for (Entry e : recent) {
            if (e.lastSequence >= 0) {
                return true;
            }
        }
        return false;
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
        Segment seg = files.create(number);
        segments.add(seg);
        storedBytes += seg.bytes;
        return seg;
    }

    private void dropOldestSegment() throws IOException {
        Segment oldest = segments.pollFirst();
        while (!recent.isEmpty() && recent.peekFirst().segment == oldest) {
            giveUp(recent.pollFirst());
        }
        while (!sentEntries.isEmpty() && sentEntries.peekFirst().segment == oldest) {
            giveUp(sentEntries.pollFirst());
        }
        while (!unsent.isEmpty() && unsent.peekFirst().segment == oldest) {
            giveUp(unsent.pollFirst());
        }
        droppedMessages += oldest.unacked;
        close(oldest);
    }

    /** A batch leaves without a confirmation: frames up to its end will not be sent again. */
    private void giveUp(Entry e) {
        if (e.lastSequence >= 0 && e.lastSequence + 1 > resendFloor) {
            givenUpFrames += e.lastSequence + 1 - Math.max(resendFloor, e.firstSequence);
            resendFloor = e.lastSequence + 1;
        }
    }

    /**
     * The first frame sequence of this session the spool may still send: every later frame is
     * held until a recorder confirms it; earlier ones were confirmed or given up.
     */
    long resendFloor() {
        return resendFloor;
    }

    /** Frames of this session given up without a confirmation (spool full, or past the delivery window). */
    long givenUpFrames() {
        return givenUpFrames;
    }

    /** Segment files found damaged at start and moved aside. */
    long corruptSegments() {
        return files.corruptSegments();
    }

    private void deleteAckedSegments(boolean keepLast) throws IOException {
        while (!segments.isEmpty() && segments.peekFirst().live == 0
                && (segments.size() > 1 || !keepLast || segments.peekFirst().bytes >= segmentBytes)) {
            close(segments.pollFirst());
        }
    }

    private void close(Segment seg) throws IOException {
        files.delete(seg);
        storedBytes -= seg.bytes;
    }

    /** Records where acknowledged messages end, so a restart does not resend them, and closes. */
    @Override
    public void close() throws IOException {
        // Batches the broker took but no recorder confirmed are sent again by the next run.
        Entry head = null;
        for (Entry e : recent) {
            if (e.lastSequence >= 0) {
                head = e;
                break;
            }
        }
        if (head == null) {
            head = sentEntries.isEmpty() ? unsent.peekFirst() : sentEntries.peekFirst();
        }
        Segment last = segments.peekLast();
        files.writeMark(head != null ? new SpoolDirectory.Mark(head.segment.number, head.offset)
                : new SpoolDirectory.Mark(last == null ? -1 : last.number, last == null ? 0 : last.bytes));
        for (Segment seg : segments) {
            seg.channel.force(false);
            seg.channel.close();
        }
        segments.clear();
    }
}
