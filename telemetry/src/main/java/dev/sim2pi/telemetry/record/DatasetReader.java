package dev.sim2pi.telemetry.record;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads a dataset written by {@link DatasetWriter}; a torn last record is skipped and reported. */
public final class DatasetReader {

    private final Path dir;

    public DatasetReader(Path dir) {
        if (!Files.isRegularFile(dir.resolve(DatasetWriter.FRAMES))) {
            throw new InputException("dataset " + dir + ": expected a directory holding " + DatasetWriter.FRAMES);
        }
        this.dir = dir;
    }

    /** Every dataset under {@code root} (a directory of {@code <robot>/<session>/}), or {@code root} itself. */
    public static List<Path> find(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(DatasetWriter.FRAMES))) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            throw new InputException("dataset path " + root + ": no such directory");
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(DatasetWriter.FRAMES))).sorted().toList();
        }
    }

    public Path dir() {
        return dir;
    }

    /** The session's announcement, if the recorder received it. */
    public Optional<SessionAnnouncement> announcement() throws IOException {
        Path f = dir.resolve(DatasetWriter.SESSION);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        List<SessionAnnouncement> found = new ArrayList<>();
        FramedLog.read(f, (offset, payload) -> found.add(SessionAnnouncement.parseFrom(payload)));
        return found.stream().findFirst();
    }

    /** The layout, if announced. */
    public Optional<FrameLayout> layout() throws IOException {
        return announcement().map(FrameLayout::fromAnnouncement);
    }

    /** Visits the frames in file order; the result says whether a torn tail was skipped. */
    public FramedLog.ScanResult frames(Consumer<Frame> visitor) throws IOException {
        return FramedLog.read(dir.resolve(DatasetWriter.FRAMES), (offset, payload) -> visitor.accept(Frame.parseFrom(payload)));
    }

    /** All frames in file order. */
    public List<Frame> readAll() throws IOException {
        List<Frame> out = new ArrayList<>();
        frames(out::add);
        return out;
    }
}
