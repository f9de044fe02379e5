package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Event;
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
 * unacknowledged publishes (Paho v5 fails bursts beyond the broker's receive maximum). A batch
 * leaves the spool only when the broker acknowledged it: while the broker is unreachable batches
 * accumulate on disk, after reconnection they go out in order, and a restarted controller resumes
 * them. The session's layout is announced once, retained, ahead of its first batch.
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

    private final PublisherConfig config;
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
    private volatile boolean statusDirty = true;
    private volatile boolean running = true;
    private volatile long drainDeadlineNanos;
    private volatile long spoolSizeSnapshot;
    private volatile long spoolDroppedSnapshot;
    private volatile long retransmissions;
    private volatile long recorderResends;
    private volatile long gapResends;
    private final BatchEncoderHolder encoder = new BatchEncoderHolder();
    /** Sequence number following the last frame of the previous batch (sender thread only). */
    private long nextBatchSequence;

    /** Counters written by the sender thread, read by anyone. */
    private static final class SenderState {
        volatile long acked;
        volatile long reconnects;
        volatile boolean everConnected;
    }

    private TelemetryPublisher(PublisherConfig config, FrameLayout layout, String sessionId) throws IOException {
        this.config = config;
        this.sessionId = sessionId;
        this.ring = new FrameRing(config.ringCapacity(), layout);
        this.frame = new TelemetryFrame(ring);
        this.spool = new Spool(config.spoolDir(), config.spoolMaxBytes());
        byte[] announcement = layout.announce(config.robotId(), sessionId, System.currentTimeMillis(), System.nanoTime())
                .toByteArray();
        outbox.add(tagged(KIND_SESSION, announcement));
        this.sender = new Thread(this::runSender, "telemetry-sender-" + config.robotId());
        this.sender.setDaemon(true);
        this.link = new MqttLink(config.mqtt(), "sim2pi-pub-" + config.robotId(),
                Topics.telemetryAck(config.robotId()), sessionId, sender);
    }

    /**
     * Opens the spool (resuming what a previous run left), announces the session and starts the
     * sender thread. The broker need not be reachable.
     */
    public static TelemetryPublisher start(PublisherConfig config, FrameLayout layout, String sessionId) {
        try {
            TelemetryPublisher p = new TelemetryPublisher(config, layout, sessionId);
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

    public PublisherStats stats() {
        return new PublisherStats(frame.nextSequence() - frame.droppedFrames(), frame.droppedFrames(), state.acked,
                spoolSizeSnapshot, spoolDroppedSnapshot, state.reconnects, retransmissions, recorderResends,
                gapResends, link.connected());
    }


    /**
     * Stops: remaining frames go to the spool, the sender tries for up to {@code drainMillis} to
     * deliver them, then the connection closes with an OFFLINE status and the spool is closed
     * (what was not delivered is resent by the next run).
     */
    public void close(long drainMillis) {
        drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        running = false;
        LockSupport.unpark(sender);
        try {
            sender.join();
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

    private void runSender() {
        ReconnectSchedule reconnect = new ReconnectSchedule(config.mqtt(), config.reconnectMinNanos(),
                config.reconnectMaxNanos(), System.nanoTime());
        RingFrames frames = new RingFrames(ring);
        java.util.ArrayDeque<MqttLink.Pending> inflight = new java.util.ArrayDeque<>();
        long window = config.batchWindowNanos();
        long nextBatch = System.nanoTime() + window;
        int connectedGeneration = -1;
        boolean retransmitting = false;
        boolean stalled = false;
        long lastConfirmed = -1;
        long lastConfirmAdvanceNanos = System.nanoTime();
        long retransmitAfter = RETRANSMIT_NANOS;
        long lastGapResendAfter = -1;
        long lastGapResendNanos = 0;
        try {
            while (true) {
                long now = System.nanoTime();
                boolean stopping = !running;
                // Outcomes of publishes.
                MqttLink.Pending done;
                while ((done = link.completions.poll()) != null) {
                    if (done.generation != connectedGeneration) {
                        continue;
                    }
                    if (done.ok) {
                        spool.ack(done.entry, now);
                        inflight.remove(done);
                        state.acked++;
                    } else {
                        link.disconnect(0);
                    }
                }
                // Connection upkeep.
                if (connectedGeneration >= 0 && (link.lost() || !link.connected()) && !link.connecting()) {
                    connectedGeneration = -1;
                    retransmitting = false;
                    stalled = false;
                    inflight.clear();
                    spool.rewind();
                    // A broker restart is often over in milliseconds: try at once, then back off.
                    reconnect.lost(now);
                }
                if (connectedGeneration < 0 && link.connected()) {
                    connectedGeneration = link.generation();
                    if (state.everConnected) {
                        state.reconnects++;
                    }
                    state.everConnected = true;
                    reconnect.connected();
                    statusDirty = true;
                } else if (connectedGeneration < 0 && !link.connecting() && (!stopping || now < drainDeadlineNanos)
                        && reconnect.connectNow(now)) {
                    link.connect(Topics.status(config.robotId()), status(Status.State.OFFLINE));
                }
                // Batches and events into the spool.
                if (now >= nextBatch || stopping || ring.published() - ring.consumed() >= MAX_FRAMES_PER_BATCH) {
                    cutBatches(frames);
                    nextBatch = Math.max(nextBatch + window, now + window / 4);
                }
                byte[] msg;
                while ((msg = outbox.poll()) != null) {
                    spool.append(msg, msg.length);
                }
                // Publishing within the window.
                boolean up = connectedGeneration >= 0 && link.connected();
                if (up) {
                    if (statusDirty) {
                        statusDirty = false;
                        link.publishUntracked(Topics.status(config.robotId()), status(robotState), true);
                    }
                    long confirmed = link.confirmedThrough();
                    if (confirmed != lastConfirmed) {
                        lastConfirmed = confirmed;
                        lastConfirmAdvanceNanos = now;
                        retransmitAfter = RETRANSMIT_NANOS;
                    }
                    spool.confirm(confirmed);
                    if (link.takeResendRequest()) {
                        // A recorder came back: the broker may have lost what it took meanwhile.
                        retransmitting = true;
                        recorderResends++;
                    }
                    long gap = link.takeGapReport();
                    // One resend per gap: reports of the same gap keep coming until the resent batches arrive.
                    if (gap >= 0 && (gap != lastGapResendAfter || now - lastGapResendNanos > RETRANSMIT_NANOS)) {
                        retransmitting = true;
                        lastGapResendAfter = gap;
                        lastGapResendNanos = now;
                        gapResends++;
                    }
                    if (link.recorderSeen() && now - spool.oldestUnconfirmedAckedAtNanos() > retransmitAfter
                            && now - lastConfirmAdvanceNanos > retransmitAfter) {
                        retransmitting = true;
                        stalled = true;
                        lastConfirmAdvanceNanos = now;
                        // A congested broker delays confirmations too: back off so resends cannot snowball.
                        retransmitAfter = Math.min(retransmitAfter * 2, 16 * RETRANSMIT_NANOS);
                    }
                    if (retransmitting && inflight.isEmpty()) {
                        // The broker took these but no recorder stored them (a broker restart lost them).
                        spool.rewind();
                        retransmitting = false;
                        if (stalled) {
                            retransmissions++;
                            stalled = false;
                        }
                    }
                    int limit = Math.max(1, Math.min(config.maxInflight(), link.serverReceiveMaximum() - 1));
                    while (!retransmitting && inflight.size() < limit && spool.hasUnsent()) {
                        Spool.Entry e = spool.nextUnsent();
                        byte[] stored = spool.read(e);
                        MqttLink.Pending p = new MqttLink.Pending(e, connectedGeneration);
                        inflight.add(p);
                        if (!link.publish(topicOf(stored[0]), Arrays.copyOfRange(stored, 1, stored.length),
                                stored[0] == KIND_SESSION, p)) {
                            break;
                        }
                    }
                } else {
                    spool.forceIfDue(now, FORCE_INTERVAL_NANOS);
                }
                spool.confirm(link.confirmedThrough());
                spool.expire(now, link.recorderSeen() ? CONFIRM_HORIZON_NANOS : NO_RECORDER_HORIZON_NANOS);
                spoolSizeSnapshot = spool.size();
                spoolDroppedSnapshot = spool.droppedMessages();
                if (stopping && ring.published() == ring.consumed() && outbox.isEmpty()
                        && (spool.size() == 0 || now >= drainDeadlineNanos)) {
                    break;
                }
                // While a connect is under way its listener wakes this thread; waking for the
                // schedule meanwhile would spin (its time is past) and starve Paho's connecting threads.
                boolean awaitingConnect = connectedGeneration < 0 && !link.connecting();
                long wake = Math.min(nextBatch, awaitingConnect ? reconnect.wakeAt(now) : Long.MAX_VALUE);
                if (stopping) {
                    wake = Math.min(wake, now + 5_000_000L);
                }
                LockSupport.parkNanos(this, Math.max(0, wake - System.nanoTime()));
            }
            if (link.connected()) {
                link.publishUntracked(Topics.status(config.robotId()), status(Status.State.OFFLINE), true);
            }
            reconnect.close();
            link.disconnect(1000);
            spool.close();
        } catch (IOException e) {
            // The spool is the publisher's only durable state; losing the disk stops telemetry, not the robot.
            System.err.println("sim2pi telemetry: spool failed, telemetry stopped: " + e);
            reconnect.close();
            link.disconnect(0);
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
            long lastSequence = ring.sequence[encoder.slots[count - 1]];
            int len = enc.encode(config.robotId(), sessionId, policyId, frame.droppedFrames(), nextBatchSequence,
                    frames, encoder.slots, count);
            nextBatchSequence = lastSequence + 1;
            from += count;
            ring.release(from);
            byte[] msg = new byte[len + 1];
            msg[0] = KIND_BATCH;
            System.arraycopy(enc.buffer(), 0, msg, 1, len);
            spool.append(msg, msg.length, lastSequence);
        }
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
        return Status.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(config.robotId())
                .setSessionId(sessionId).setState(s).setUnixMillis(System.currentTimeMillis())
                .setFramesEnqueued(frame.nextSequence() - frame.droppedFrames())
                .setFramesDropped(frame.droppedFrames()).setBatchesSpooled(spoolSizeSnapshot)
                .setBatchesSpoolDropped(spoolDroppedSnapshot).build().toByteArray();
    }

    private static byte[] tagged(byte kind, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = kind;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }
}
