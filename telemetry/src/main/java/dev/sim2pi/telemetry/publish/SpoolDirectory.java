package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.record.FramedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The spool's files: numbered segment files ({@code spool-<16 digits>.seg}, each a
 * {@link FramedLog}) and the mark of where acknowledged messages end ({@code acked}), so a
 * restart resumes after them. A segment file that is not a spool file is moved aside as
 * {@code .corrupt} and counted; it never stops the publisher.
 */
final class SpoolDirectory {

    /** One segment file, open for appending. */
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

    /** Where acknowledged messages end: a segment number and an offset in it. */
    record Mark(long segment, long offset) {
        /** Whether the record at {@code offset} of segment {@code number} lies after the mark. */
        boolean before(long number, long recordOffset) {
            return number > segment || (number == segment && recordOffset >= offset);
        }
    }

    private static final String ACK_FILE = "acked";

    private final Path dir;
    private long corruptSegments;

    SpoolDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** The segments a previous run left, oldest first; damaged files are moved aside. */
    List<Segment> openExisting() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("spool-\\d{16}\\.seg")).sorted().toList());
        }
        List<Segment> out = new ArrayList<>();
        for (Path file : files) {
            long number = Long.parseLong(file.getFileName().toString().substring(6, 22));
            try {
                out.add(new Segment(number, file, FramedLog.openForAppend(file)));
            } catch (IOException e) {
                // Not a spool segment (or unreadable): keep it for inspection, out of the way.
                corruptSegments++;
                Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
                System.err.println("sim2pi telemetry: spool segment " + file + " is damaged (" + e.getMessage()
                        + "); moved aside as .corrupt");
            }
        }
        return out;
    }

    Segment create(long number) throws IOException {
        Path file = dir.resolve(String.format("spool-%016d.seg", number));
        return new Segment(number, file, FramedLog.openForAppend(file));
    }

    /** Closes and deletes a segment whose messages are all done with. */
    void delete(Segment seg) throws IOException {
        seg.channel.close();
        Files.deleteIfExists(seg.file);
    }

    /** Segment files found damaged at start and moved aside. */
    long corruptSegments() {
        return corruptSegments;
    }

    /** Where the previous run's acknowledged messages ended; (-1, 0) if it left no mark. */
    Mark readMark() throws IOException {
        Path f = dir.resolve(ACK_FILE);
        if (!Files.exists(f)) {
            return new Mark(-1, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        return b.remaining() == 16 ? new Mark(b.getLong(), b.getLong()) : new Mark(-1, 0);
    }

    /** Replaces the mark atomically. */
    void writeMark(Mark mark) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(mark.segment()).putLong(mark.offset());
        Path tmp = dir.resolve(ACK_FILE + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
