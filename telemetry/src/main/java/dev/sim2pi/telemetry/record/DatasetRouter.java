package dev.sim2pi.telemetry.record;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores telemetry messages into one {@link DatasetWriter} per robot session and counts what it
 * stored and skipped. Apart from {@link Recorder} because what a message does to the datasets
 * does not depend on the connection it came over: the recorder's reconnects, confirmations and
 * status read this state through the snapshots below, while Paho's callback thread changes it.
 * One lock guards all of it, so a snapshot never shows a dataset without its session ids.
 */
final class DatasetRouter implements AutoCloseable {

    /** How far one dataset is stored, for confirming it to its publisher. */
    record Confirmation(String robot, String sessionId, long contiguousThrough, long highestWritten) {
    }

    private record DatasetKey(String robot, String sessionId) {
    }

    private final Path outDir;
    private final int maxMessageBytes;
    private final Recorder.FrameListener listener;
    private final Object lock = new Object();
    private final Map<String, DatasetWriter> datasets = new HashMap<>();
    private final Map<String, DatasetKey> datasetKeys = new HashMap<>();
    private final Map<String, SessionAnnouncement> pendingAnnouncements = new HashMap<>();
    private final Set<String> robots = new HashSet<>();
    private long framesWritten;
    private long duplicates;
    private long malformed;
    private long oversized;
    private long droppedAtSource;

    DatasetRouter(Path outDir, int maxMessageBytes, Recorder.FrameListener listener) {
        this.outDir = outDir;
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
    }

    void handle(String topic, byte[] payload) throws IOException {
        String robot = Topics.robotOf(topic);
        String leaf = Topics.leafOf(topic);
        synchronized (lock) {
            if (payload.length > maxMessageBytes) {
                oversized++;
                return;
            }
            if (robot == null) {
                malformed++;
                return;
            }
            if ("session".equals(leaf)) {
                handleSession(robot, payload);
            } else if ("telemetry".equals(leaf)) {
                handleBatch(robot, payload);
            }
        }
    }

    /** For a message that could not be stored for a reason {@link #handle} did not count. */
    void countMalformed() {
        synchronized (lock) {
            malformed++;
        }
    }

    private void handleSession(String robot, byte[] payload) throws IOException {
        SessionAnnouncement a = parseOrNull(SessionAnnouncement.parser(), payload);
        if (a == null || !robot.equals(a.getRobotId()) || a.getSessionId().isEmpty()) {
            malformed++;
            return;
        }
        String key = robot + "/" + a.getSessionId();
        DatasetWriter w = datasets.get(key);
        if (w != null) {
            w.announce(a);
        } else {
            pendingAnnouncements.put(key, a);
        }
    }

    private void handleBatch(String robot, byte[] payload) throws IOException {
        TelemetryBatch batch = parseOrNull(TelemetryBatch.parser(), payload);
        if (batch == null || !robot.equals(batch.getRobotId()) || batch.getSessionId().isEmpty()
                || !batch.getSessionId().matches("[A-Za-z0-9_.-]{1,128}") || batch.getSchemaVersion() != WireSchema.VERSION) {
            malformed++;
            return;
        }
        String key = robot + "/" + batch.getSessionId();
        DatasetWriter w = datasets.get(key);
        if (w == null) {
            w = new DatasetWriter(outDir.resolve(robot).resolve(batch.getSessionId()));
            datasets.put(key, w);
            datasetKeys.put(key, new DatasetKey(robot, batch.getSessionId()));
            robots.add(robot);
            SessionAnnouncement a = pendingAnnouncements.remove(key);
            if (a != null) {
                w.announce(a);
            }
        }
        if (batch.getFramesCount() > 0) {
            Frame first = batch.getFrames(0);
            w.indexBatch(first.getSequence(), first.getTimestampNanos());
            droppedAtSource += w.settleDropped(batch.getFirstSequence(), first.getSequence());
        }
        for (Frame f : batch.getFramesList()) {
            byte[] bytes = f.toByteArray();
            if (w.write(f.getSequence(), bytes, 0, bytes.length)) {
                framesWritten++;
                listener.written(robot, f.getSequence(), f.getTimestampNanos());
            } else {
                duplicates++;
            }
        }
    }

    /** Null for a payload that does not decode; callers count it with the other malformed messages. */
    private static <T> T parseOrNull(Parser<T> parser, byte[] payload) {
        try {
            return parser.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** A copy, so that syncing them to the device does not hold up storing messages. */
    Collection<DatasetWriter> openDatasets() {
        synchronized (lock) {
            return List.copyOf(datasets.values());
        }
    }

    List<Confirmation> confirmations() {
        List<Confirmation> confirmed = new ArrayList<>();
        synchronized (lock) {
            datasets.forEach((k, w) -> {
                DatasetKey id = datasetKeys.get(k);
                confirmed.add(new Confirmation(id.robot(), id.sessionId(), w.contiguousThrough(), w.highestWritten()));
            });
        }
        return confirmed;
    }

    RecorderStats stats(boolean connected) {
        synchronized (lock) {
            long missing = 0;
            long bytes = 0;
            for (DatasetWriter w : datasets.values()) {
                missing += w.missing();
                bytes += w.bytes();
            }
            return new RecorderStats(framesWritten, duplicates, missing, droppedAtSource, malformed, oversized, bytes, robots.size(),
                    datasets.size(), connected);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (DatasetWriter w : datasets.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing dataset " + w.dir(), e);
                }
            }
        }
    }
}
