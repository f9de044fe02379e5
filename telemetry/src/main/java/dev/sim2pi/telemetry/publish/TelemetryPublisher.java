package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.record.LogAppender;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams a robot's telemetry to an MQTT broker without loss and without ever blocking the
 * control thread.
 *
 * <p>The control thread writes each iteration into a preallocated ring through
 * {@link #frame()}. A sender thread cuts the ring into one batch per window, appends it to the
 * on-disk {@link Spool} and publishes from the spool with QoS 1, keeping at most a window of
 * unacknowledged publishes (Paho v5 fails bursts beyond the broker's receive maximum). While the
 * broker is unreachable batches accumulate on disk, after reconnection they go out in order, and a
 * restarted controller resumes them. The session's layout is announced once, retained, ahead of
 * its first batch.
 *
 * <p>Delivery window: a batch stays in the spool until the broker acknowledged it and a recorder
 * confirmed it, at most {@value #CONFIRM_HORIZON_NANOS} ns after the broker's acknowledgement
 * (1 s while no recorder has confirmed anything this session). A batch given up that way, or
 * dropped from a full spool, is declared on the next batch ({@code resend_floor}) so recorders
 * count it instead of waiting for it. A fault of the sender (a full disk, a bug) is counted and
 * retried; it never ends telemetry, and {@link #close(long)} always returns.
 */
public final class TelemetryPublisher implements AutoCloseable {

    private static final byte KIND_BATCH = 1;
    private static final byte KIND_SESSION = 2;
    private static final byte KIND_EVENT = 3;
    private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_FRAMES_PER_BATCH = 2048;
    /**
     * Batches the broker acknowledged stay in the spool until a recorder confirms them, at most
     * this long; without any recorder, only this short while (they are replayed after a reconnect).
     */
    private static final long CONFIRM_HORIZON_NANOS = 30_000_000_000L;
    private static final long NO_RECORDER_HORIZON_NANOS = 1_000_000_000L;
    /**
     * When a recorder's confirmations have not advanced for this long while batches the broker
     * acknowledged this long ago wait for them, the broker lost those batches: resend. A recorder
     * that is merely behind keeps advancing and triggers nothing. Losses followed by later
     * batches are repaired sooner, from the recorder's gap reports; this covers a lost tail.
     */
    private static final long RETRANSMIT_NANOS = 3_000_000_000L;
    /** Pause after a fault (a full disk), doubling while faults repeat. */
    private static final long FAULT_BACKOFF_MIN_NANOS = 10_000_000L;
    private static final long FAULT_BACKOFF_MAX_NANOS = 1_000_000_000L;
    /** Longest real-time park, so a stepped clock in tests is looked at again soon. */
    private static final long MAX_PARK_NANOS = 50_000_000L;
    /** How long {@link #close(long)} waits for the sender beyond the drain time before giving up on it. */
    private static final long CLOSE_GRACE_MILLIS = 10_000;

    private final PublisherConfig config;
    private final Clock clock;
    private final String sessionId;
    private final FrameRing ring;
    private final TelemetryFrame frame;
    private final Spool spool;
    private final Thread sender;
    private final MqttLink link;
    private final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final SenderState state = new SenderState();
    private volatile String policyId = "";
    private volatile Status.State robotState = Status.State.ONLINE;
    private volatile ControllerStatus controllerStatus;
    private volatile boolean statusDirty = true;
    private volatile boolean running = true;
    private volatile long drainDeadlineNanos;
    private volatile long spoolSizeSnapshot;
    private volatile long spoolDroppedSnapshot;
    private volatile long retransmissions;
    private volatile long recorderResends;
    private volatile long gapResends;
    private volatile long senderFaults;
    private volatile String lastFault = "";
    private volatile long framesUnsent;
    private volatile long givenUpSnapshot;
    private volatile long resendFloorSnapshot;
    private final BatchEncoderHolder encoder = new BatchEncoderHolder();
    /** Sequence number following the last frame of the previous batch (sender thread only). */
    private long nextBatchSequence;

    /** Counters written by the sender thread, read by anyone. */
    private static final class SenderState {
        volatile long acked;
        volatile long reconnects;
        volatile boolean everConnected;
    }

    private TelemetryPublisher(PublisherConfig config, FrameLayout layout, String sessionId, String policyId, Clock clock,
                               LogAppender appender) throws IOException {
        this.config = config;
        this.clock = clock;
        this.sessionId = sessionId;
        this.policyId = policyId;
        this.ring = new FrameRing(config.ringCapacity(), layout);
        this.frame = new TelemetryFrame(ring);
        this.spool = new Spool(config.spoolDir(), config.spoolMaxBytes(), appender);
        byte[] announcement = layout.announce(config.robotId(), sessionId, System.currentTimeMillis(), clock.nanoTime())
                .toBuilder().setPolicyId(policyId).build().toByteArray();
        outbox.add(tagged(KIND_SESSION, announcement));
        this.sender = new Thread(this::runSender, "telemetry-sender-" + config.robotId());
        this.sender.setDaemon(true);
        this.link = new MqttLink(config.mqtt(), "sim2pi-pub-" + config.robotId(),
                Topics.telemetryAck(config.robotId()), sessionId, sender, Topics.status(config.robotId()),
                () -> status(Status.State.OFFLINE), clock, config.reconnectMinNanos(), config.reconnectMaxNanos());
    }

    /**
     * Opens the spool (resuming what a previous run left), announces the session and starts the
     * sender thread. The broker need not be reachable.
     */
    public static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId) {
        return start(config, layout, sessionId, Clock.system());
    }

    /** As {@link #start(PublisherConfig, FrameLayout, String)}, timing batches, resends and the delivery window by {@code clock}. */
    public static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId, Clock clock) {
        return start(config, layout, sessionId, clock, LogAppender.DIRECT);
    }

    /** As above, writing the spool through {@code appender} (tests make the disk fill up with it). */
    static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId, Clock clock,
                                    LogAppender appender) {
        return start(config, layout, sessionId, "", clock, appender);
    }

    /**
     * As {@link #start(PublisherConfig, FrameLayout, String)}, naming the policy the session starts
     * with ({@code policyId}, e.g. its bundle's task and ONNX hash) in the announcement, so the
     * dataset records what produced its actions, and on every batch until {@link #policyId(String)} changes it.
     */
    public static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId, String policyId) {
        return start(config, layout, sessionId, policyId, Clock.system(), LogAppender.DIRECT);
    }

    private static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId, String policyId,
                                            Clock clock, LogAppender appender) {
        Topics.checkRobotId(config.robotId());
        if (!Topics.isSafeId(sessionId)) {
            throw new dev.sim2pi.models.InputException("session id '" + sessionId
                    + "': expected 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit, without '..'");
        }
        try {
            TelemetryPublisher p = new TelemetryPublisher(config, layout, sessionId, java.util.Objects.requireNonNull(policyId),
                    clock, appender);
            p.sender.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open telemetry spool in " + config.spoolDir(), e);
        }
    }

    /** The control thread's frame writer. Use it from one thread only. */
    public TelemetryFrame frame() {
        return frame;
    }

    /** Waits until the broker acknowledged the connection (or the timeout passes); returns whether it did. */
    public boolean awaitConnected(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!link.connected() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        return link.connected();
    }

    /** Id of the sender thread, for measuring its CPU time. */
    public long senderThreadId() {
        return sender.threadId();
    }

    public String sessionId() {
        return sessionId;
    }

    /** Policy id stamped on the batches cut from now on. */
    public void policyId(String id) {
        this.policyId = id;
    }

    /** Publishes a safety or lifecycle event on {@code .../events}; allocates, so not for every iteration. */
    public void event(String kind, String message, long sequence, long timestampNanos) {
        if (!running) {
            return;
        }
        byte[] payload = Event.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(config.robotId())
                .setSessionId(sessionId).setTimestampNanos(timestampNanos).setUnixMillis(System.currentTimeMillis())
                .setKind(kind).setMessage(message).setSequence(sequence).build().toByteArray();
        outbox.add(tagged(KIND_EVENT, payload));
        LockSupport.unpark(sender);
    }

    /** Sets the state published (retained) on {@code .../status}. */
    public void state(Status.State s) {
        robotState = s;
        statusDirty = true;
        LockSupport.unpark(sender);
    }

    /** Sets what the retained {@code .../status} says about the controller, and republishes it. */
    public void controllerStatus(ControllerStatus s) {
        controllerStatus = s;
        statusDirty = true;
        LockSupport.unpark(sender);
    }

    public PublisherStats stats() {
        return new PublisherStats(frame.nextSequence() - frame.droppedFrames(), frame.droppedFrames(), state.acked,
                spoolSizeSnapshot, spoolDroppedSnapshot, state.reconnects, retransmissions, recorderResends,
                gapResends, link.connected(), givenUpSnapshot, resendFloorSnapshot, senderFaults, lastFault,
                framesUnsent, sender.isAlive(), link.recorderSeen());
    }


    /**
     * Stops: remaining frames go to the spool, the sender tries for up to {@code drainMillis} to
     * deliver them, then the connection closes with an OFFLINE status and the spool is closed
     * (what was not delivered is resent by the next run).
     */
    public void close(long drainMillis) {
        drainDeadlineNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        running = false;
        LockSupport.unpark(sender);
        try {
            sender.join(Math.max(1, drainMillis) + CLOSE_GRACE_MILLIS);
            if (sender.isAlive()) {
                // Only a stuck disk or broker call keeps it; the control loop must not wait for that.
                System.err.println("sim2pi telemetry: sender did not stop within " + (drainMillis + CLOSE_GRACE_MILLIS)
                        + " ms; leaving it (the spool resumes on the next start)");
                sender.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(2000);
    }


    // ---- sender thread ----

    private static final class BatchEncoderHolder {
        final dev.sim2pi.telemetry.wire.BatchEncoder encoder = new dev.sim2pi.telemetry.wire.BatchEncoder();
        int[] slots = new int[MAX_FRAMES_PER_BATCH];
    }

    /** What the sender thread keeps between iterations of its loop. */
    private static final class Loop {
        final java.util.ArrayDeque<MqttLink.Pending> inflight = new java.util.ArrayDeque<>();
        long nextBatch;
        int connectedGeneration = -1;
        boolean retransmitting;
        boolean stalled;
        long lastConfirmed = -1;
        long lastConfirmAdvanceNanos;
        long retransmitAfter = RETRANSMIT_NANOS;
        long lastGapResendAfter = -1;
        long lastGapResendNanos;
        long faultBackoffNanos = FAULT_BACKOFF_MIN_NANOS;
    }

    private void runSender() {
        RingFrames frames = new RingFrames(ring);
        Loop loop = new Loop();
        loop.nextBatch = clock.nanoTime() + config.batchWindowNanos();
        loop.lastConfirmAdvanceNanos = clock.nanoTime();
        while (true) {
            long now = clock.nanoTime();
            boolean stopping = !running;
            boolean faulted = false;
            try {
                if (iterate(loop, frames, now, stopping)) {
                    break;
                }
                loop.faultBackoffNanos = FAULT_BACKOFF_MIN_NANOS;
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
            long wake;
            if (faulted) {
                wake = now + loop.faultBackoffNanos;
                loop.faultBackoffNanos = Math.min(FAULT_BACKOFF_MAX_NANOS, loop.faultBackoffNanos * 2);
            } else {
                // While a connect is under way its listener wakes this thread; waking for the
                // schedule meanwhile would spin (its time is past) and starve Paho's connecting threads.
                wake = Math.min(loop.nextBatch, link.connection().wakeAt(now));
            }
            if (stopping) {
                wake = Math.min(wake, now + 5_000_000L);
            }
            LockSupport.parkNanos(this, Math.max(0, Math.min(wake - clock.nanoTime(), MAX_PARK_NANOS)));
        }
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

    /** Whether stopping may still spool something: frames or messages are waiting and the disk took the last ones. */
    private boolean drainable() {
        return ring.published() != ring.consumed() || !outbox.isEmpty();
    }

    /** One pass of the sender loop; true when stopping and everything is delivered (or the drain time is up). */
    private boolean iterate(Loop loop, RingFrames frames, long now, boolean stopping)
            throws IOException {
        drainCompletions(loop, now);
        upkeepConnection(loop, now, stopping);
        // Batches and events into the spool.
        if (now >= loop.nextBatch || stopping || ring.published() - ring.consumed() >= MAX_FRAMES_PER_BATCH) {
            cutBatches(frames);
            loop.nextBatch = Math.max(loop.nextBatch + config.batchWindowNanos(), now + config.batchWindowNanos() / 4);
        }
        byte[] msg;
        while ((msg = outbox.peek()) != null) {
            spool.append(msg, msg.length);
            outbox.poll();
        }
        if (loop.connectedGeneration >= 0 && link.connected()) {
            publishWindow(loop, now);
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
    private void drainCompletions(Loop loop, long now) throws IOException {
        MqttLink.Pending done;
        while ((done = link.completions.poll()) != null) {
            if (done.generation != loop.connectedGeneration) {
                continue;
            }
            if (done.ok) {
                spool.ack(done.entry, now);
                loop.inflight.remove(done);
                state.acked++;
            } else {
                link.connection().markLost();
            }
        }
    }

    private void upkeepConnection(Loop loop, long now, boolean stopping) throws IOException {
        switch (link.connection().step(now, !stopping || now < drainDeadlineNanos)) {
            case LOST -> {
                loop.connectedGeneration = -1;
                loop.retransmitting = false;
                loop.stalled = false;
                loop.inflight.clear();
                spool.rewind();
            }
            case CONNECTED -> {
                loop.connectedGeneration = link.connection().generation();
                if (state.everConnected) {
                    state.reconnects++;
                }
                state.everConnected = true;
                statusDirty = true;
            }
            case NONE -> {
                // Connected, or waiting for the broker.
            }
        }
    }

    /** Resend decisions, then publishing from the spool within the in-flight window. */
    private void publishWindow(Loop loop, long now) throws IOException {
        if (statusDirty) {
            statusDirty = false;
            link.publishUntracked(Topics.status(config.robotId()), status(robotState), true);
        }
        long confirmed = link.confirmedThrough();
        if (confirmed != loop.lastConfirmed) {
            loop.lastConfirmed = confirmed;
            loop.lastConfirmAdvanceNanos = now;
            loop.retransmitAfter = RETRANSMIT_NANOS;
        }
        spool.confirm(confirmed);
        if (link.takeResendRequest()) {
            // A recorder came back: the broker may have lost what it took meanwhile.
            loop.retransmitting = true;
            recorderResends++;
        }
        long gap = link.takeGapReport();
        // One resend per gap: reports of the same gap keep coming until the resent batches arrive.
        // A gap below what the spool still holds cannot be repaired by resending; the next batch
        // declares it (its resend floor) instead.
        if (gap >= 0 && (gap != loop.lastGapResendAfter || now - loop.lastGapResendNanos > RETRANSMIT_NANOS)) {
            loop.lastGapResendAfter = gap;
            loop.lastGapResendNanos = now;
            if (gap + 1 >= spool.resendFloor()) {
                loop.retransmitting = true;
                gapResends++;
            } else {
                // Frames the spool no longer holds: say so now rather than with the next batch,
                // which may never come (the session may be over).
                declareFloor();
            }
        }
        if (link.recorderSeen() && now - spool.oldestUnconfirmedAckedAtNanos() > loop.retransmitAfter
                && now - loop.lastConfirmAdvanceNanos > loop.retransmitAfter) {
            loop.retransmitting = true;
            loop.stalled = true;
            loop.lastConfirmAdvanceNanos = now;
            // A congested broker delays confirmations too: back off so resends cannot snowball.
            loop.retransmitAfter = Math.min(loop.retransmitAfter * 2, 16 * RETRANSMIT_NANOS);
        }
        if (loop.retransmitting && loop.inflight.isEmpty()) {
            // The broker took these but no recorder stored them (a broker restart lost them).
            spool.rewind();
            loop.retransmitting = false;
            if (loop.stalled) {
                retransmissions++;
                loop.stalled = false;
            }
        }
        int limit = Math.max(1, Math.min(config.maxInflight(), link.connection().serverReceiveMaximum() - 1));
        while (!loop.retransmitting && loop.inflight.size() < limit && spool.hasUnsent()) {
            Spool.Entry e = spool.nextUnsent();
            byte[] stored = spool.read(e);
            MqttLink.Pending p = new MqttLink.Pending(e, loop.connectedGeneration);
            loop.inflight.add(p);
            if (!link.publish(topicOf(stored[0]), Arrays.copyOfRange(stored, 1, stored.length),
                    stored[0] == KIND_SESSION, p)) {
                break;
            }
        }
    }

    private void cutBatches(RingFrames frames) throws IOException {
        long from = ring.consumed();
        long to = ring.published();
        while (from < to) {
            int count = (int) Math.min(MAX_FRAMES_PER_BATCH, to - from);
            for (int k = 0; k < count; k++) {
                encoder.slots[k] = ring.slot(from + k);
            }
            var enc = encoder.encoder;
            long firstSequence = ring.sequence[encoder.slots[0]];
            long lastSequence = ring.sequence[encoder.slots[count - 1]];
            int len = enc.encode(config.robotId(), sessionId, policyId, frame.droppedFrames(), nextBatchSequence,
                    Math.min(spool.resendFloor(), firstSequence), frames, encoder.slots, count);
            byte[] msg = new byte[len + 1];
            msg[0] = KIND_BATCH;
            System.arraycopy(enc.buffer(), 0, msg, 1, len);
            // Spooled first, released after: frames a full disk refused stay in the ring for the next try.
            spool.append(msg, msg.length, firstSequence, lastSequence);
            nextBatchSequence = lastSequence + 1;
            from += count;
            ring.release(from);
        }
    }

    /** Spools a batch without frames whose only news is the resend floor. */
    private void declareFloor() throws IOException {
        var enc = encoder.encoder;
        int len = enc.encode(config.robotId(), sessionId, policyId, frame.droppedFrames(), nextBatchSequence,
                Math.min(spool.resendFloor(), nextBatchSequence), null, encoder.slots, 0);
        byte[] msg = new byte[len + 1];
        msg[0] = KIND_BATCH;
        System.arraycopy(enc.buffer(), 0, msg, 1, len);
        spool.append(msg, msg.length);
    }

    private String topicOf(byte kind) {
        return switch (kind) {
            case KIND_BATCH -> Topics.telemetry(config.robotId());
            case KIND_SESSION -> Topics.session(config.robotId());
            case KIND_EVENT -> Topics.events(config.robotId());
            default -> throw new IllegalStateException("unknown spool record kind " + kind);
        };
    }

    private byte[] status(Status.State s) {
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

    private static byte[] tagged(byte kind, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = kind;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }
}
