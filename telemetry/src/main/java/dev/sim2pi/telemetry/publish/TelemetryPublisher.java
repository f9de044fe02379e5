package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.record.LogAppender;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * confirmed it, at most {@value Sender#CONFIRM_HORIZON_NANOS} ns after the broker's acknowledgement
 * (1 s while no recorder has confirmed anything this session). A batch given up that way, or
 * dropped from a full spool, is declared on the next batch ({@code resend_floor}) so recorders
 * count it instead of waiting for it. A fault of the sender (a full disk, a bug) is counted and
 * retried; it never ends telemetry, and {@link #close(long)} always returns.
 */
public final class TelemetryPublisher implements AutoCloseable {

    /** How long {@link #close(long)} waits for the sender beyond the drain time before giving up on it. */
    private static final long CLOSE_GRACE_MILLIS = 10_000;

    private final PublisherConfig config;
    private final Clock clock;
    private final String sessionId;
    private final TelemetryFrame frame;
    private final Sender sender;
    private final Thread thread;

    private TelemetryPublisher(PublisherConfig config, FrameLayout layout, String sessionId, String policyId, Clock clock,
                               LogAppender appender) throws IOException {
        this.config = config;
        this.clock = clock;
        this.sessionId = sessionId;
        FrameRing ring = new FrameRing(config.ringCapacity(), layout);
        this.frame = new TelemetryFrame(ring);
        Spool spool = new Spool(config.spoolDir(), config.spoolMaxBytes(), appender);
        byte[] announcement = layout.announce(config.robotId(), sessionId, System.currentTimeMillis(), clock.nanoTime())
                .toBuilder().setPolicyId(policyId).build().toByteArray();
        this.sender = new Sender(config, sessionId, clock, ring, frame, spool, announcement);
        sender.policyId(policyId);
        this.thread = new Thread(sender, "telemetry-sender-" + config.robotId());
        this.thread.setDaemon(true);
        sender.link(new MqttLink(config.mqtt(), "sim2pi-pub-" + config.robotId(), Topics.telemetryAck(config.robotId()),
                sessionId, thread, Topics.status(config.robotId()), () -> sender.status(Status.State.OFFLINE), clock,
                config.reconnectMinNanos(), config.reconnectMaxNanos()));
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
            TelemetryPublisher p = new TelemetryPublisher(config, layout, sessionId,
                    java.util.Objects.requireNonNull(policyId), clock, appender);
            p.thread.start();
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
        while (!sender.link().connected() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        return sender.link().connected();
    }

    /** Id of the sender thread, for measuring its CPU time. */
    public long senderThreadId() {
        return thread.threadId();
    }

    public String sessionId() {
        return sessionId;
    }

    /** Policy id stamped on the batches cut from now on. */
    public void policyId(String id) {
        sender.policyId(id);
    }

    /** Publishes a safety or lifecycle event on {@code .../events}; allocates, so not for every iteration. */
    public void event(String kind, String message, long sequence, long timestampNanos) {
        if (!sender.running()) {
            return;
        }
        byte[] payload = Event.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(config.robotId())
                .setSessionId(sessionId).setTimestampNanos(timestampNanos).setUnixMillis(System.currentTimeMillis())
                .setKind(kind).setMessage(message).setSequence(sequence).build().toByteArray();
        sender.enqueue(SpoolRecord.tagged(SpoolRecord.EVENT, payload));
        LockSupport.unpark(thread);
    }

    /** Sets the state published (retained) on {@code .../status}. */
    public void state(Status.State s) {
        sender.state(s);
        LockSupport.unpark(thread);
    }

    /** How many of this publisher's connections ended, by cause (see {@link dev.sim2pi.telemetry.MqttConnection#losses()}). */
    public java.util.Map<String, Long> connectionLosses() {
        return sender.link().connection().losses();
    }

    /** Sets what the retained {@code .../status} says about the controller, and republishes it. */
    public void controllerStatus(ControllerStatus s) {
        sender.controllerStatus(s);
        LockSupport.unpark(thread);
    }

    public PublisherStats stats() {
        return sender.stats(thread.isAlive());
    }

    /**
     * Stops: remaining frames go to the spool, the sender tries for up to {@code drainMillis} to
     * deliver them, then the connection closes with an OFFLINE status and the spool is closed
     * (what was not delivered is resent by the next run).
     */
    public void close(long drainMillis) {
        sender.stop(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis));
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, drainMillis) + CLOSE_GRACE_MILLIS);
            if (thread.isAlive()) {
                // Only a stuck disk or broker call keeps it; the control loop must not wait for that.
                System.err.println("sim2pi telemetry: sender did not stop within " + (drainMillis + CLOSE_GRACE_MILLIS)
                        + " ms; leaving it (the spool resumes on the next start)");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(2000);
    }
}
