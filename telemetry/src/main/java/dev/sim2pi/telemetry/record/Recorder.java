package dev.sim2pi.telemetry.record;

import dev.sim2pi.telemetry.BrokerProbe;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.RecorderStatus;
import dev.sim2pi.telemetry.wire.proto.TelemetryAck;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

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
    private final Thread supervisor;
    private final DatasetSync sync;
    private final BrokerProbe probe;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile boolean lost;
    private volatile int connectionGeneration;
    private MqttAsyncClient client;
    private long lastAckMillis;
    private long lastStatusMillis;
    /**
     * Changes on every (re)subscription, starting from a random number so that a restarted
     * recorder differs from its previous run too; tells publishers when this recorder came back.
     */
    private volatile long subscription = ThreadLocalRandom.current().nextLong() >>> 1;

    private Recorder(Options options, FrameListener listener) {
        this.options = options;
        this.router = new DatasetRouter(options.outDir(), options.maxMessageBytes(), listener);
        this.supervisor = new Thread(this::supervise, "telemetry-recorder");
        this.supervisor.setDaemon(true);
        this.sync = new DatasetSync(router::openDatasets, 1000);
        this.probe = BrokerProbe.of(options.mqtt());
    }

    /** Starts recording; connects (and reconnects) in the background. */
    public static Recorder start(Options options, FrameListener listener) {
        Recorder r = new Recorder(options, listener == null ? (robot, seq, ts) -> { } : listener);
        r.supervisor.start();
        return r;
    }

    public RecorderStats stats() {
        return router.stats(connected && !lost);
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
        while (!(connected && !lost) && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        return connected && !lost;
    }

    private void supervise() {
        long backoffMillis = 5;
        long downSince = System.nanoTime();
        while (running) {
            if (!connected || lost) {
                if (connected) {
                    downSince = System.nanoTime();
                }
                connected = false;
                if (tryConnect()) {
                    backoffMillis = 5;
                } else {
                    sleep(backoffMillis);
                    // Probes are cheap: shortest delay through the first second of an outage, then back off.
                    if (System.nanoTime() - downSince > 1_000_000_000L) {
                        backoffMillis = Math.min(500, backoffMillis + backoffMillis / 2 + 1);
                    }
                    continue;
                }
            }
            sleep(10);
            publishStatus();
            router.closeIdle();
        }
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
        if (now - lastAckMillis < 250) {
            return;
        }
        lastAckMillis = now;
        try {
            MqttAsyncClient c = client;
            if (c == null || !c.isConnected()) {
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
                c.publish(statusTopic(), recorderStatus(true), 0, true);
            }
        } catch (MqttException | RuntimeException e) {
            // Confirmations and status are repeated; the next round retries.
        }
    }

    private String statusTopic() {
        return "sim2pi-recorder/" + options.clientId() + "/status";
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

    private boolean tryConnect() {
        // Tearing down a dead Paho client takes 100-300 ms; do it aside and reconnect now.
        MqttAsyncClient old = client;
        client = null;
        if (old != null) {
            PahoThreads.shared().execute(() -> close(old));
        }
        lost = false;
        if (!probe.open(2000)) {
            return false;
        }
        try {
            MqttAsyncClient c = new MqttAsyncClient(options.mqtt().serverUrl(), options.clientId(), new MemoryPersistence(),
                    null, PahoThreads.shared());
            int gen = ++connectionGeneration;
            MqttConnectionOptions o = options.mqtt().options(() -> {
                // Only the current connection's end counts; closing an old one aside must not.
                if (gen == connectionGeneration) {
                    lost = true;
                }
            });
            o.setCleanStart(false);
            o.setSessionExpiryInterval(options.sessionExpirySeconds());
            MqttMessage will = new MqttMessage(recorderStatus(false));
            will.setRetained(true);
            will.setQos(0);
            o.setWill(statusTopic(), will);
            c.setCallback(new Callback(gen));
            client = c;
            c.connect(o).waitForCompletion(6000);
            String[] filters = {
                Topics.filter(options.robot(), "telemetry"),
                Topics.filter(options.robot(), "session"),
            };
            IMqttToken sub = c.subscribe(filters, new int[] {1, 1});
            sub.waitForCompletion(6000);
            subscription++;
            connected = true;
            // Confirm at once: a publisher whose batches a restarted broker lost learns it now.
            lastAckMillis = 0;
            return true;
        } catch (MqttException | RuntimeException e) {
            closeClient();
            return false;
        }
    }

    private void closeClient() {
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            close(c);
        }
    }

    private static void close(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(500).waitForCompletion(1000);
            }
        } catch (MqttException | RuntimeException e) {
            // Already gone.
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            // Already gone.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            supervisor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            MqttAsyncClient c = client;
            if (c != null && c.isConnected()) {
                c.publish(statusTopic(), recorderStatus(false), 0, true).waitForCompletion(1000);
            }
        } catch (MqttException | RuntimeException e) {
            // Best effort: the will says the same.
        }
        closeClient();
        sync.close();
        router.close();
    }

    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        /** A connection closed aside reports its end late; only the current one's loss counts. */
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (gen == connectionGeneration) {
                lost = true;
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            if (gen == connectionGeneration) {
                lost = true;
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                router.handle(topic, message.getPayload());
            } catch (RuntimeException e) {
                // Nothing may kill Paho's callback thread; the router counts what it understands.
                router.countMalformed();
                System.err.println("sim2pi record: could not handle message on " + topic + ": " + e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
