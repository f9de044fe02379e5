package dev.sim2pi.telemetry.record;

import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends the frames of one robot session to its dataset directory, once each:
 * <ul>
 * <li>{@code frames.log}: {@link FramedLog} of {@code Frame} messages in arrival order;</li>
 * <li>{@code session.log}: {@link FramedLog} holding the {@code SessionAnnouncement} (layout);</li>
 * <li>{@code index.bin}: per written batch, 24 bytes little endian: first sequence, its
 * timestamp (ns), offset in {@code frames.log}; a torn trailing entry is ignored;</li>
 * <li>{@code sim2pi_telemetry.proto} and {@code sim2pi_dataset.py}: the schema and a Python
 * reader ({@link DatasetSchema}).</li>
 * </ul>
 * Reopening an existing dataset rebuilds the seen sequence numbers so a restarted recorder
 * still de-duplicates; damaged records are skipped and counted ({@link #corruptRecords()}), and
 * every good record after them is kept.
 *
 * <p>A sequence number counts as stored only once its record was written: a frame that fails to
 * write (a full disk) is not confirmed to the publisher, which therefore keeps it and sends it
 * again.
 */
public final class DatasetWriter implements AutoCloseable {

    public static final String FRAMES = "frames.log";
    public static final String SESSION = "session.log";
    public static final String INDEX = "index.bin";

    private final Path dir;
    private final FileChannel frames;
    private final FileChannel index;
    private final SequenceTracker tracker = new SequenceTracker();
    private final ByteBuffer scratch = ByteBuffer.allocate(FramedLog.RECORD_HEADER_BYTES);
    private final ByteBuffer indexEntry = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final LogAppender appender;
    private boolean hasAnnouncement;
    private long corruptRecords;
    private long framesWritten;
    private long duplicates;
    private long bytes;

    public DatasetWriter(Path dir) throws IOException {
        this(dir, LogAppender.DIRECT);
    }

    /** As {@link #DatasetWriter(Path)}, writing records through {@code appender}. */
    public DatasetWriter(Path dir, LogAppender appender) throws IOException {
        this.dir = dir;
        this.appender = appender;
        Files.createDirectories(dir);
        DatasetSchema.store(dir);
        Path framesFile = dir.resolve(FRAMES);
        if (Files.exists(framesFile) && Files.size(framesFile) >= FramedLog.MAGIC.length) {
            FramedLog.ScanResult scan = FramedLog.read(framesFile, (offset, payload) -> {
                try {
                    tracker.accept(Frame.parseFrom(payload).getSequence());
                    framesWritten++;
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    corruptRecords++;
                }
            });
            corruptRecords += scan.badRecords();
        }
        this.frames = FramedLog.openForAppend(framesFile);
        this.bytes = frames.size();
        this.index = FileChannel.open(dir.resolve(INDEX), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        index.truncate(index.size() - index.size() % 24);
        index.position(index.size());
        this.hasAnnouncement = Files.exists(dir.resolve(SESSION)) && Files.size(dir.resolve(SESSION)) > FramedLog.MAGIC.length;
    }

    public Path dir() {
        return dir;
    }

    public boolean hasAnnouncement() {
        return hasAnnouncement;
    }

    /** Stores the session's layout (once; later copies are ignored). */
    public void announce(SessionAnnouncement a) throws IOException {
        if (hasAnnouncement) {
            return;
        }
        try (FileChannel ch = FramedLog.openForAppend(dir.resolve(SESSION))) {
            byte[] b = a.toByteArray();
            appender.append(ch, ByteBuffer.allocate(FramedLog.RECORD_HEADER_BYTES), new CRC32C(), b, 0, b.length);
            ch.force(false);
        }
        hasAnnouncement = true;
    }

    /** Marks the start of a batch in the index. */
    public void indexBatch(long firstSequence, long timestampNanos) throws IOException {
        indexEntry.clear();
        indexEntry.putLong(firstSequence).putLong(timestampNanos).putLong(frames.position()).flip();
        while (indexEntry.hasRemaining()) {
            index.write(indexEntry);
        }
    }

    /**
     * Writes the frame unless its sequence number was written before.
     *
     * @param frameBytes the encoded {@code Frame}
     * @return true if written, false if a duplicate
     */
    public boolean write(long sequence, byte[] frameBytes, int off, int len) throws IOException {
        if (tracker.seen(sequence)) {
            duplicates++;
            return false;
        }
        long at = frames.position();
        try {
            appender.append(frames, scratch, crc, frameBytes, off, len);
        } catch (IOException | RuntimeException e) {
            // Take back a partial record so the next one follows the last good one.
            try {
                frames.truncate(at);
                frames.position(at);
            } catch (IOException ignored) {
                // The reader skips a damaged record; the frame is not marked stored either way.
            }
            throw e;
        }
        tracker.accept(sequence);
        framesWritten++;
        bytes += FramedLog.RECORD_HEADER_BYTES + len;
        return true;
    }

    /** Records sequence numbers the publisher declared dropped at the source; returns how many were new. */
    public long settleDropped(long from, long to) {
        return tracker.settle(from, to);
    }

    /**
     * Settles the sequence numbers below {@code resendFloor} that never arrived: the publisher
     * holds none of them any more. Returns how many that were.
     */
    public long settleUnavailable(long resendFloor) {
        return tracker.settleBelow(resendFloor);
    }

    /** Damaged records skipped when this dataset was reopened. */
    public long corruptRecords() {
        return corruptRecords;
    }

    /** Every frame up to this sequence number is written or declared dropped. */
    public long contiguousThrough() {
        return tracker.contiguousThrough();
    }

    /** Highest sequence number written (-1 before any). */
    public long highestWritten() {
        return tracker.next() - 1;
    }

    /** Pushes written data to the device. */
    public void force() throws IOException {
        frames.force(false);
        index.force(false);
    }

    public long framesWritten() {
        return framesWritten;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Sequence numbers missing below the highest one written. */
    public long missing() {
        return tracker.missing();
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        force();
        frames.close();
        index.close();
    }
}
