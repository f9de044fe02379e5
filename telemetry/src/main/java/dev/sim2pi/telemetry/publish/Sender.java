package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The publisher's sender thread: cuts the ring into batches, writes them and events to the spool,
 * keeps the connection, publishes from the spool within the in-flight window, applies recorders'
 * confirmations and the delivery window, and decides resends ({@link ResendRules}). A fault of
 * one pass (a full disk, a bug) is counted and retried after a growing pause; it never ends
 * telemetry. Everything it changes belongs to its thread; others read the volatile snapshots.
 */
final class Sender implements Runnable {

    /**
     * Batches the broker acknowledged stay in the spool until a recorder confirms them, at most
     * this long; without any recorder, only this short while (they are replayed after a reconnect).
     */
    static final long CONFIRM_HORIZON_NANOS = 30_000_000_000L;
    private static final long NO_RECORDER_HORIZON_NANOS = 1_000_000_000L;
    private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;
    /** Pause after a fault (a full disk), doubling while faults repeat. */
    private static final long FAULT_BACKOFF_MIN_NANOS = 10_000_000L;
    private static final long FAULT_BACKOFF_MAX_NANOS = 1_000_000_000L;
    /** Longest real-time park, so a stepped clock in tests is looked at again soon. */
    private static final long MAX_PARK_NANOS = 50_000_000L;

    private final PublisherConfig config;
    private final String sessionId;
    private final Clock clock;
    private final FrameRing ring;
    private final TelemetryFrame frame;
    private final Spool spool;
    private final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final BatchCutter cutter;
    private final ResendRules resends;
    private MqttLink link;
    private final ArrayDeque<MqttLink.Pending> inflight = new ArrayDeque<>();
    private long nextBatch;
    private int connectedGeneration = -1;
    private long faultBackoffNanos = FAULT_BACKOFF_MIN_NANOS;
    private boolean everConnected;

    private volatile String policyId = "";
    private volatile Status.State robotState = Status.State.ONLINE;
    private volatile ControllerStatus controllerStatus;
    private volatile boolean statusDirty = true;
    private volatile boolean running = true;
    private volatile long drainDeadlineNanos;
    private volatile long acked;
    private volatile long reconnects;
    private volatile long spoolSizeSnapshot;
    private volatile long spoolDroppedSnapshot;
    private volatile long givenUpSnapshot;
    private volatile long resendFloorSnapshot;
    private volatile long senderFaults;
    private volatile String lastFault = "";
    private volatile long framesUnsent;

    Sender(PublisherConfig config, String sessionId, Clock clock, FrameRing ring, TelemetryFrame frame, Spool spool,
           byte[] announcement) {
        this.config = config;
        this.sessionId = sessionId;
        this.clock = clock;
        this.ring = ring;
        this.frame = frame;
        this.spool = spool;
        this.cutter = new BatchCutter(config.robotId(), sessionId);
        this.resends = new ResendRules(clock.nanoTime());
        outbox.add(SpoolRecord.tagged(SpoolRecord.SESSION, announcement));
    }

    /** The connection this sender drives; set once, before its thread starts. */
    void link(MqttLink link) {
        this.link = link;
    }

    MqttLink link() {
        return link;
    }

    void policyId(String id) {
        policyId = id;
    }

    /** Queues a stored record (an event) for the spool. */
    void enqueue(byte[] record) {
        outbox.add(record);
    }

    void state(Status.State s) {
        robotState = s;
        statusDirty = true;
    }

    void controllerStatus(ControllerStatus s) {
        controllerStatus = s;
        statusDirty = true;
    }

    boolean running() {
        return running;
    }

    /** Stops: what is waiting is spooled and delivered until {@code drainDeadlineNanos}, then the thread ends. */
    void stop(long drainDeadlineNanos) {
        this.drainDeadlineNanos = drainDeadlineNanos;
        running = false;
    }

    PublisherStats stats(boolean senderRunning) {
        return new PublisherStats(frame.nextSequence() - frame.droppedFrames(), frame.droppedFrames(), acked,
                spoolSizeSnapshot, spoolDroppedSnapshot, reconnects, resends.stallResends(), resends.recorderResends(),
                resends.gapResends(), link.connected(), givenUpSnapshot, resendFloorSnapshot, senderFaults, lastFault,
                framesUnsent, senderRunning, link.recorderSeen());
    }

    @Override
    public void run() {
        RingFrames frames = new RingFrames(ring);
        nextBatch = clock.nanoTime() + config.batchWindowNanos();
        while (true) {
            long now = clock.nanoTime();
            boolean stopping = !running;
            boolean faulted = false;
            try {
                if (iterate(frames, now, stopping)) {
                    break;
                }
                faultBackoffNanos = FAULT_BACKOFF_MIN_NANOS;
            } catch (IOException | RuntimeException e) {
                // A full disk or a bug in one step must not end telemetry for the rest of the run:
                // what was not spooled stays in the ring (a full ring drops new frames and counts
                // them), and the next iteration tries again after a pause.
                faulted = true;
                senderFaults++;
                lastFault = e.toString();
                if (senderFaults == 1 || Integer.bitCount((int) Math.min(senderFaults, Integer.MAX_VALUE)) == 1) {
                    System.err.println("sim2pi telemetry: sender fault #" + senderFaults + " (retrying): " + e);
                }
            }
            if (stopping && now >= drainDeadlineNanos && (faulted || !drainable())) {
                // Past the drain time: what is still in the ring could not be spooled; count it.
                framesUnsent = ring.published() - ring.consumed();
                break;
            }
            park(now, faulted, stopping);
        }
        finish();
    }

    private void park(long now, boolean faulted, boolean stopping) {
        long wake;
        if (faulted) {
            wake = now + faultBackoffNanos;
            faultBackoffNanos = Math.min(FAULT_BACKOFF_MAX_NANOS, faultBackoffNanos * 2);
        } else {
            // While a connect is under way its listener wakes this thread; waking for the
            // schedule meanwhile would spin (its time is past) and starve Paho's connecting threads.
            wake = Math.min(nextBatch, link.connection().wakeAt(now));
        }
        if (stopping) {
            wake = Math.min(wake, now + 5_000_000L);
        }
        LockSupport.parkNanos(this, Math.max(0, Math.min(wake - clock.nanoTime(), MAX_PARK_NANOS)));
    }

    private void finish() {
        try {
            if (link.connected()) {
                link.publishUntracked(Topics.status(config.robotId()), status(Status.State.OFFLINE), true);
            }
        } finally {
            link.connection().close();
            try {
                spool.close();
            } catch (IOException e) {
                System.err.println("sim2pi telemetry: closing the spool failed (the next run resends more): " + e);
            }
        }
    }

    /** Whether stopping may still spool something: frames or messages are waiting. */
    private boolean drainable() {
        return ring.published() != ring.consumed() || !outbox.isEmpty();
    }

    /** One pass of the sender loop; true when stopping and everything is delivered (or the drain time is up). */
    private boolean iterate(RingFrames frames, long now, boolean stopping) throws IOException {
        drainCompletions(now);
        upkeepConnection(now, stopping);
        if (now >= nextBatch || stopping || ring.published() - ring.consumed() >= BatchCutter.MAX_FRAMES_PER_BATCH) {
            cutter.cut(ring, frames, spool, policyId, frame.droppedFrames());
            nextBatch = Math.max(nextBatch + config.batchWindowNanos(), now + config.batchWindowNanos() / 4);
        }
        byte[] msg;
        while ((msg = outbox.peek()) != null) {
            spool.append(msg, msg.length);
            outbox.poll();
        }
        if (connectedGeneration >= 0 && link.connected()) {
            publishWindow(now);
        } else {
            spool.forceIfDue(now, FORCE_INTERVAL_NANOS);
        }
        spool.confirm(link.confirmedThrough());
        spool.expire(now, link.recorderSeen() ? CONFIRM_HORIZON_NANOS : NO_RECORDER_HORIZON_NANOS);
        spoolSizeSnapshot = spool.size();
        spoolDroppedSnapshot = spool.droppedMessages();
        givenUpSnapshot = spool.givenUpFrames();
        resendFloorSnapshot = spool.resendFloor();
        if (stopping && !drainable()) {
            boolean delivered = spool.size() == 0 && (!link.recorderSeen() || !spool.hasUnconfirmedBatches());
            return delivered || now >= drainDeadlineNanos;
        }
        return false;
    }

    /** Outcomes of publishes. */
    private void drainCompletions(long now) throws IOException {
        MqttLink.Pending done;
        while ((done = link.completions.poll()) != null) {
            if (done.generation != connectedGeneration) {
                continue;
            }
            if (done.ok) {
                spool.ack(done.entry, now);
                inflight.remove(done);
                acked++;
            } else {
                link.connection().markLost();
            }
        }
    }

    private void upkeepConnection(long now, boolean stopping) throws IOException {
        switch (link.connection().step(now, !stopping || now < drainDeadlineNanos)) {
            case LOST -> {
                connectedGeneration = -1;
                resends.connectionLost();
                inflight.clear();
                spool.rewind();
            }
            case CONNECTED -> {
                connectedGeneration = link.connection().generation();
                if (everConnected) {
                    reconnects++;
                }
                everConnected = true;
                statusDirty = true;
            }
            case NONE -> {
                // Connected, or waiting for the broker.
            }
        }
    }

    /** Resend decisions, then publishing from the spool within the in-flight window. */
    private void publishWindow(long now) throws IOException {
        if (statusDirty) {
            statusDirty = false;
            link.publishUntracked(Topics.status(config.robotId()), status(robotState), true);
        }
        long confirmed = link.confirmedThrough();
        resends.confirmed(confirmed, now);
        spool.confirm(confirmed);
        if (link.takeResendRequest()) {
            resends.recorderCameBack();
        }
        if (resends.gap(link.takeGapReport(), spool.resendFloor(), now) == ResendRules.GapAction.DECLARE_FLOOR) {
            // Frames the spool no longer holds: say so now rather than with the next batch,
            // which may never come (the session may be over).
            cutter.declareFloor(spool, policyId, frame.droppedFrames());
        }
        resends.checkStall(link.recorderSeen(), spool.oldestUnconfirmedAckedAtNanos(), now);
        if (resends.retransmitting() && inflight.isEmpty()) {
            // The broker took these but no recorder stored them (a broker restart lost them).
            spool.rewind();
            resends.rewound();
        }
        int limit = Math.max(1, Math.min(config.maxInflight(), link.connection().serverReceiveMaximum() - 1));
        while (!resends.retransmitting() && inflight.size() < limit && spool.hasUnsent()) {
            Spool.Entry e = spool.nextUnsent();
            byte[] stored = spool.read(e);
            MqttLink.Pending p = new MqttLink.Pending(e, connectedGeneration);
            inflight.add(p);
            if (!link.publish(SpoolRecord.topic(stored, config.robotId()), SpoolRecord.payload(stored),
                    SpoolRecord.retained(stored), p)) {
                break;
            }
        }
    }

    /** The robot's status message (retained; OFFLINE is also the last will). */
    byte[] status(Status.State s) {
        Status.Builder b = Status.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(config.robotId())
                .setSessionId(sessionId).setState(s).setUnixMillis(System.currentTimeMillis())
                .setFramesEnqueued(frame.nextSequence() - frame.droppedFrames())
                .setFramesDropped(frame.droppedFrames()).setBatchesSpooled(spoolSizeSnapshot)
                .setBatchesSpoolDropped(spoolDroppedSnapshot);
        ControllerStatus c = controllerStatus;
        if (c != null) {
            b.setController(c);
        }
        return b.build().toByteArray();
    }
}
