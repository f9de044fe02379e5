package dev.sim2pi.cli;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.record.RecorderStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's one-machine MQTT setup: the embedded broker on a free port of 127.0.0.1 with access
 * control (fresh random credentials for one robot, a recorder and an operator, written owner-only
 * into the demo's folder) and a recorder writing the robot's datasets.
 */
final class DemoBroker implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final BrokerCredentials credentials;
    private final String robot;
    private Recorder recorder;

    private DemoBroker(EmbeddedBroker broker, BrokerCredentials credentials, String robot) {
        this.broker = broker;
        this.credentials = credentials;
        this.robot = robot;
    }

    /** Starts the broker; the credentials file goes to {@code credentialsFile}. */
    static DemoBroker start(String robot, Path credentialsFile) {
        BrokerCredentials creds = BrokerCredentials.generate(List.of(robot));
        try {
            creds.write(credentialsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + credentialsFile, e);
        }
        return new DemoBroker(EmbeddedBroker.start(0, null, creds), creds, robot);
    }

    String url() {
        return broker.url();
    }

    /** How a client of {@code user} (the robot's id, {@code recorder} or {@code operator}) connects. */
    MqttSettings as(String user) {
        BrokerCredentials.User u = credentials.user(user).orElseThrow();
        return new MqttSettings(broker.url(), u.name(), u.password().toCharArray(), null, null, null);
    }

    MqttSettings robot() {
        return as(robot);
    }

    MqttSettings operator() {
        return as(BrokerCredentials.OPERATOR);
    }

    /** Starts the recorder (as the recorder user) writing the robot's datasets under {@code dir}. */
    void record(Path dir) throws InterruptedException {
        recorder = Recorder.start(new Recorder.Options(as(BrokerCredentials.RECORDER), dir, robot, "sim2pi-demo-recorder",
                16 << 20, 3600), null);
        if (!recorder.awaitConnected(30_000)) {
            throw new IllegalStateException("the recorder could not connect to the embedded broker " + broker.url());
        }
    }

    RecorderStats recorderStats() {
        return recorder.stats();
    }

    /** Waits (at most {@code timeoutMillis}) until {@code frames} frames are stored; returns the count stored. */
    long awaitRecorded(long frames, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (recorder.stats().framesWritten() < frames && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return recorder.stats().framesWritten();
    }

    @Override
    public synchronized void close() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
        broker.close();
    }
}
