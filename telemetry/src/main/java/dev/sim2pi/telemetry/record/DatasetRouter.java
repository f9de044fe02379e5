package dev.sim2pi.telemetry.record;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores telemetry messages into one {@link DatasetWriter} per robot session and counts what it
 * stored and skipped. Apart from {@link Recorder} because what a message does to the datasets
 * does not depend on the connection it came over: the recorder's reconnects, confirmations and
 * status read this state through the snapshots below, while Paho's callback thread changes it.
 * One lock guards all of it, so a snapshot never shows a dataset without its session ids.
 *
 * <p>Everything here comes from the network, so everything is bounded: ids must be safe as one
 * path component (no {@code ..}, no separators), at most {@link Limits#maxOpenDatasets} files are
 * open (the least recently used one is closed, and a dataset idle for
 * {@link Limits#idleCloseNanos} is closed too; a later message reopens it), and the maps of
 * pending announcements and known robots have fixed caps. Nothing a message holds makes the
 * recorder allocate more than the message's own size.
 */
final class DatasetRouter implements AutoCloseable {

    /** How far one dataset is stored, for confirming it to its publisher. */
    record Confirmation(String robot, String sessionId, long contiguousThrough, long highestWritten, long[] storedRuns) {
    }

    /** Stored runs a recorder in a share group confirms per dataset. */
    static final int MAX_CONFIRMED_RUNS = 256;

    /**
     * Caps on what the network can make the recorder hold.
     *
     * @param maxOpenDatasets       open dataset files at once
     * @param idleCloseNanos        a dataset without messages this long is closed
     * @param maxPendingAnnouncements announcements kept for sessions whose first batch has not come
     * @param maxRobots             distinct robot ids remembered for the statistics
     */
    record Limits(int maxOpenDatasets, long idleCloseNanos, int maxPendingAnnouncements, int maxRobots) {
        static Limits defaults() {
            return new Limits(256, 60_000_000_000L, 1024, 10_000);
        }
    }

    private record DatasetKey(String robot, String sessionId) {
    }

    private static final class Open {
        final DatasetKey key;
        final DatasetWriter writer;
        long lastUsedNanos;

        Open(DatasetKey key, DatasetWriter writer, long nowNanos) {
            this.key = key;
            this.writer = writer;
            this.lastUsedNanos = nowNanos;
        }
    }

    private final Path outDir;
    private final int maxMessageBytes;
    private final Recorder.FrameListener listener;
    private final LogAppender appender;
    private final Limits limits;
    private final dev.sim2pi.models.time.Clock clock;
    /** Whether this recorder is one of a shared subscription group (it stores only some of each session). */
    private volatile boolean shared;
    private final Object lock = new Object();
    /** Access order: the eldest entry is the least recently used dataset. */
    private final LinkedHashMap<DatasetKey, Open> datasets = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<DatasetKey, SessionAnnouncement> pendingAnnouncements = new LinkedHashMap<>();
    /** Missing counts of datasets closed while idle, so the statistics do not forget them. */
    private final LinkedHashMap<DatasetKey, Long> closedMissing = new LinkedHashMap<>();
    private final Set<String> robots = new HashSet<>();
    private final Set<DatasetKey> datasetsSeen = new HashSet<>();
    private long framesWritten;
    private long duplicates;
    private long malformed;
    private long oversized;
    private long droppedAtSource;
    private long unavailable;
    private long storeFailures;
    private long corruptRecords;
    private long missingRetired;
    private long datasetsClosed;

    DatasetRouter(Path outDir, int maxMessageBytes, Recorder.FrameListener listener) {
        this(outDir, maxMessageBytes, listener, LogAppender.DIRECT, Limits.defaults(), dev.sim2pi.models.time.Clock.system());
    }

    DatasetRouter(Path outDir, int maxMessageBytes, Recorder.FrameListener listener, LogAppender appender, Limits limits,
                  dev.sim2pi.models.time.Clock clock) {
        this.outDir = outDir.toAbsolutePath().normalize();
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
        this.appender = appender;
        this.limits = limits;
        this.clock = clock;
    }

    /** Stores or counts one message; never throws for anything the message holds. */
    void handle(String topic, byte[] payload) {
        String robot = topic == null ? null : Topics.robotOf(topic);
        String leaf = robot == null ? null : Topics.leafOf(topic);
        synchronized (lock) {
            if (payload == null || payload.length > maxMessageBytes) {
                oversized++;
                return;
            }
            if (robot == null || !Topics.isSafeId(robot)) {
                malformed++;
                return;
            }
            if (Topics.SESSION.equals(leaf)) {
                handleSession(robot, payload);
            } else if (Topics.TELEMETRY.equals(leaf)) {
                handleBatch(robot, payload);
            } else {
                malformed++;
            }
        }
    }

    /** This recorder shares the fleet with others of its group: confirm stored runs, count no unavailable frames. */
    void shared(boolean shared) {
        this.shared = shared;
    }

    /** For a message that could not be stored for a reason {@link #handle} did not count. */
    void countMalformed() {
        synchronized (lock) {
            malformed++;
        }
    }

    private void handleSession(String robot, byte[] payload) {
        SessionAnnouncement a = parseOrNull(SessionAnnouncement.parser(), payload);
        if (a == null || !robot.equals(a.getRobotId()) || !Topics.isSafeId(a.getSessionId())
                || a.getSchemaVersion() != WireSchema.VERSION) {
            malformed++;
            return;
        }
        DatasetKey key = new DatasetKey(robot, a.getSessionId());
        Open o = datasets.get(key);
        if (o != null) {
            try {
                o.writer.announce(a);
            } catch (IOException e) {
                storeFailures++;
            }
            return;
        }
        pendingAnnouncements.put(key, a);
        while (pendingAnnouncements.size() > limits.maxPendingAnnouncements()) {
            Iterator<DatasetKey> it = pendingAnnouncements.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private void handleBatch(String robot, byte[] payload) {
        TelemetryBatch batch = parseOrNull(TelemetryBatch.parser(), payload);
        if (batch == null || batch.getSchemaVersion() != WireSchema.VERSION || !robot.equals(batch.getRobotId())
                || !Topics.isSafeId(batch.getSessionId())) {
            malformed++;
            return;
        }
        // The declared ranges end where this batch's frames begin; anything else is not from a publisher.
        long firstFrame = batch.getFramesCount() > 0 ? batch.getFrames(0).getSequence() : batch.getFirstSequence();
        if (batch.getFirstSequence() > firstFrame || batch.getResendFloor() > firstFrame || firstFrame < 0) {
            malformed++;
            return;
        }
        for (int i = 1; i < batch.getFramesCount(); i++) {
            if (batch.getFrames(i).getSequence() <= batch.getFrames(i - 1).getSequence()) {
                malformed++;
                return;
            }
        }
        DatasetKey key = new DatasetKey(robot, batch.getSessionId());
        Open o = open(key);
        if (o == null) {
            storeFailures += batch.getFramesCount();
            return;
        }
        DatasetWriter w = o.writer;
        try {
            if (batch.getFramesCount() > 0) {
                Frame first = batch.getFrames(0);
                w.indexBatch(first.getSequence(), first.getTimestampNanos());
            }
            droppedAtSource += w.settleDropped(batch.getFirstSequence(), firstFrame);
            long settled = w.settleUnavailable(batch.getResendFloor());
            // In a share group most of what lies below the floor went to the other recorders.
            unavailable += shared ? 0 : settled;
        } catch (IOException e) {
            storeFailures += batch.getFramesCount();
            return;
        }
        List<Frame> frames = batch.getFramesList();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            byte[] bytes = f.toByteArray();
            try {
                if (w.write(f.getSequence(), bytes, 0, bytes.length)) {
                    framesWritten++;
                    listener.written(robot, f.getSequence(), f.getTimestampNanos());
                } else {
                    duplicates++;
                }
            } catch (IOException e) {
                // Not marked stored, so not confirmed: the publisher keeps these frames and resends them.
                storeFailures += frames.size() - i;
                System.err.println("sim2pi record: could not store frames of " + robot + "/" + batch.getSessionId()
                        + ": " + e.getMessage());
                return;
            }
        }
    }

    /** The open dataset for {@code key}, opening (or reopening) it; null if the disk refuses. */
    private Open open(DatasetKey key) {
        long now = clock.nanoTime();
        Open o = datasets.get(key);
        if (o != null) {
            o.lastUsedNanos = now;
            return o;
        }
        Path dir = outDir.resolve(key.robot()).resolve(key.sessionId()).normalize();
        if (!dir.startsWith(outDir) || dir.getNameCount() != outDir.getNameCount() + 2) {
            malformed++;
            return null;
        }
        while (datasets.size() >= limits.maxOpenDatasets()) {
            closeEldest();
        }
        DatasetWriter w;
        try {
            w = new DatasetWriter(dir, appender);
        } catch (IOException e) {
            System.err.println("sim2pi record: cannot open dataset " + dir + ": " + e.getMessage());
            return null;
        }
        corruptRecords += w.corruptRecords();
        Long retired = closedMissing.remove(key);
        if (retired != null) {
            missingRetired -= retired;
        }
        o = new Open(key, w, now);
        datasets.put(key, o);
        if (datasetsSeen.size() < limits.maxRobots()) {
            datasetsSeen.add(key);
        }
        if (robots.size() < limits.maxRobots()) {
            robots.add(key.robot());
        }
        SessionAnnouncement a = pendingAnnouncements.remove(key);
        if (a != null) {
            try {
                w.announce(a);
            } catch (IOException e) {
                storeFailures++;
            }
        }
        return o;
    }

    private void closeEldest() {
        Iterator<Open> it = datasets.values().iterator();
        Open eldest = it.next();
        it.remove();
        retire(eldest);
    }

    private void retire(Open o) {
        closedMissing.put(o.key, o.writer.missing());
        missingRetired += o.writer.missing();
        while (closedMissing.size() > limits.maxRobots()) {
            Iterator<Map.Entry<DatasetKey, Long>> it = closedMissing.entrySet().iterator();
            it.next();
            it.remove();
        }
        datasetsClosed++;
        try {
            o.writer.close();
        } catch (IOException e) {
            System.err.println("sim2pi record: closing dataset " + o.writer.dir() + ": " + e.getMessage());
        }
    }

    /** Closes datasets that received nothing for the idle limit; returns how many. */
    int closeIdle() {
        long now = clock.nanoTime();
        int n = 0;
        synchronized (lock) {
            Iterator<Open> it = datasets.values().iterator();
            while (it.hasNext()) {
                Open o = it.next();
                if (now - o.lastUsedNanos >= limits.idleCloseNanos()) {
                    it.remove();
                    retire(o);
                    n++;
                }
            }
        }
        return n;
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
            List<DatasetWriter> out = new ArrayList<>(datasets.size());
            datasets.values().forEach(o -> out.add(o.writer));
            return out;
        }
    }

    int openCount() {
        synchronized (lock) {
            return datasets.size();
        }
    }

    List<Confirmation> confirmations() {
        List<Confirmation> confirmed = new ArrayList<>();
        synchronized (lock) {
            for (Open o : datasets.values()) {
                confirmed.add(new Confirmation(o.key.robot(), o.key.sessionId(), o.writer.contiguousThrough(),
                        o.writer.highestWritten(), shared ? o.writer.storedRunsAbove(MAX_CONFIRMED_RUNS) : new long[0]));
            }
        }
        return confirmed;
    }

    RecorderStats stats(boolean connected) {
        synchronized (lock) {
            long missing = missingRetired;
            long bytes = 0;
            for (Open o : datasets.values()) {
                missing += o.writer.missing();
                bytes += o.writer.bytes();
            }
            return new RecorderStats(framesWritten, duplicates, missing, droppedAtSource, malformed, oversized, bytes,
                    robots.size(), datasetsSeen.size(), connected, unavailable, storeFailures, corruptRecords,
                    datasets.size());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (Open o : datasets.values()) {
                retire(o);
            }
            datasets.clear();
        }
    }
}
