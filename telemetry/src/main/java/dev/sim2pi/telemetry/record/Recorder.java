package dev.sim2pi.telemetry.record;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.MqttConnection;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.RecorderStatus;
import dev.sim2pi.telemetry.wire.proto.TelemetryAck;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Subscribes to the telemetry of one robot or all robots and writes one dataset per robot and
 * session under {@code outDir/<robot>/<session>/} ({@link DatasetWriter}). Messages are written
 * before they are acknowledged to the broker, and the recorder keeps a persistent MQTT session,
 * so a broker that keeps sessions across restarts queues telemetry while the recorder is away.
 * Malformed or oversized messages are counted and skipped; nothing stops the recorder but
 * {@link #close()}.
 */
public final class Recorder implements AutoCloseable {

    /** Called after each frame is written; used by benchmarks to measure end-to-end latency. */
    @FunctionalInterface
    public interface FrameListener {
        void written(String robot, long sequence, long timestampNanos);
    }

    /**
     * @param mqtt                 broker
     * @param outDir               datasets root
     * @param robot                record only this robot, or null for all
     * @param clientId             MQTT client id; keep it stable so the broker can hold the session
     * @param maxMessageBytes      larger telemetry messages are counted as oversized and skipped
     * @param sessionExpirySeconds how long the broker keeps queuing for an absent recorder
     */
    public record Options(MqttSettings mqtt, Path outDir, String robot, String clientId, int maxMessageBytes,
                          long sessionExpirySeconds) {
        public Options {
            Objects.requireNonNull(mqtt, "mqtt");
            Objects.requireNonNull(outDir, "outDir");
            if (robot != null) {
                Topics.checkRobotId(robot);
            }
        }

        public static Options of(MqttSettings mqtt, Path outDir, String robot) {
            return new Options(mqtt, outDir, robot, "sim2pi-recorder", 16 << 20, 3600);
        }
    }

    private final Options options;
    private final DatasetRouter router;
    private final DatasetSync sync;
    private final MqttConnection connection;
    private long lastAckMillis;
    private long lastStatusMillis;
    /**
     * Changes on every (re)subscription, starting from a random number so that a restarted
     * recorder differs from its previous run too; tells publishers when this recorder came back.
     */
    private volatile long subscription = ThreadLocalRandom.current().nextLong() >>> 1;
    private volatile boolean confirmNow;

    private Recorder(Options options, FrameListener listener) {
        this.options = options;
        this.router = new DatasetRouter(options.outDir(), options.maxMessageBytes(), listener);
        this.sync = new DatasetSync(router::openDatasets, 1000);
        MqttConnection.Spec spec = new MqttConnection.Spec(options.clientId(), false, options.sessionExpirySeconds(),
                List.of(new MqttSubscription(Topics.filter(options.robot(), Topics.TELEMETRY), 1),
                        new MqttSubscription(Topics.filter(options.robot(), Topics.SESSION), 1)),
                Topics.recorderStatus(options.clientId()), () -> {
                    MqttMessage will = new MqttMessage(recorderStatus(false));
                    will.setRetained(true);
                    will.setQos(0);
                    return will;
                });
        this.connection = new MqttConnection(options.mqtt(), spec, new MqttConnection.Listener() {
            @Override
            public void message(String topic, MqttMessage message) {
                try {
                    router.handle(topic, message.getPayload());
                } catch (RuntimeException e) {
                    // Nothing may kill Paho's callback thread; the router counts what it understands.
                    router.countMalformed();
                    System.err.println("sim2pi record: could not handle message on " + topic + ": " + e);
                }
            }

            @Override
            public void subscribed(MqttAsyncClient client) {
                subscription++;
                // Confirm at once: a publisher whose batches a restarted broker lost learns it now.
                confirmNow = true;
            }
        }, Clock.system());
    }

    /** Starts recording; connects (and reconnects) in the background. */
    public static Recorder start(Options options, FrameListener listener) {
        Recorder r = new Recorder(options, listener == null ? (robot, seq, ts) -> { } : listener);
        r.connection.start("telemetry-recorder", r::tick, 10_000_000L);
        return r;
    }

    public RecorderStats stats() {
        return router.stats(connection.connected());
    }

    /**
     * Handles one message as if it arrived from the broker; public so tests and tools can feed
     * payloads without one. Never throws for anything the message holds: bad input is counted.
     */
    public void handle(String topic, byte[] payload) {
        router.handle(topic, payload);
    }

    /** Waits until subscribed (or the timeout passes); returns whether it is. */
    public boolean awaitConnected(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!connection.connected() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        return connection.connected();
    }

    /** The connection thread's periodic work. */
    private void tick() {
        publishStatus();
        router.closeIdle();
    }

    /**
     * Every quarter second: confirms written frames to their publishers ({@code TelemetryAck});
     * every second: publishes the recorder's status. Confirmations cover frames in the operating
     * system's cache: they survive a recorder crash, and an OS crash of the workstation within a
     * second of writing is the accepted exposure ({@link DatasetSync} forces the files once a
     * second; fsync on every confirmation made the disk the bottleneck at 4000 frames/s).
     */
    private void publishStatus() {
        long now = System.currentTimeMillis();
        if (now - lastAckMillis < 250 && !confirmNow) {
            return;
        }
        lastAckMillis = now;
        confirmNow = false;
        try {
            MqttAsyncClient c = connection.client();
            if (c == null || !connection.connected()) {
                return;
            }
            for (DatasetRouter.Confirmation d : router.confirmations()) {
                byte[] ack = TelemetryAck.newBuilder().setSchemaVersion(WireSchema.VERSION).setSessionId(d.sessionId())
                        .setContiguousThrough(d.contiguousThrough()).setHighestStored(d.highestWritten())
                        .setRecorderId(options.clientId()).setSubscription(subscription).build().toByteArray();
                c.publish(Topics.telemetryAck(d.robot()), ack, 0, false);
            }
            if (now - lastStatusMillis >= 1000) {
                lastStatusMillis = now;
                c.publish(Topics.recorderStatus(options.clientId()), recorderStatus(true), 0, true);
            }
        } catch (MqttException | RuntimeException e) {
            // Confirmations and status are repeated; the next round retries.
        }
    }

    private byte[] recorderStatus(boolean online) {
        RecorderStats s = stats();
        return RecorderStatus.newBuilder().setSchemaVersion(WireSchema.VERSION).setClientId(options.clientId())
                .setOnline(online).setUnixMillis(System.currentTimeMillis()).setFramesWritten(s.framesWritten())
                .setDuplicates(s.duplicates()).setMissing(s.missing()).setDroppedAtSource(s.droppedAtSource())
                .setMalformed(s.malformed())
                .setOversized(s.oversized()).setBytes(s.bytes()).setRobots(s.robots()).setDatasets(s.datasets())
                .setUnavailable(s.unavailable()).setStoreFailures(s.storeFailures())
                .setCorruptRecords(s.corruptRecords()).build().toByteArray();
    }

    @Override
    public void close() {
        try {
            MqttAsyncClient c = connection.client();
            if (c != null && connection.connected()) {
                c.publish(Topics.recorderStatus(options.clientId()), recorderStatus(false), 0, true).waitForCompletion(1000);
            }
        } catch (MqttException | RuntimeException e) {
            // Best effort: the will says the same.
        }
        connection.close();
        sync.close();
        router.close();
    }
}
