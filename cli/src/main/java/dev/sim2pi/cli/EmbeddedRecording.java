package dev.sim2pi.cli;

import dev.sim2pi.controller.cli.LocalRecording;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.record.Recorder;
import java.nio.file.Path;

/**
 * {@code sim2pi controller run --record DIR} on the workstation: the embedded broker on a free
 * port of 127.0.0.1 and a recorder for the one robot, in the controller's process. Found by the
 * controller through {@link java.util.ServiceLoader}; the Pi distribution does not carry it.
 */
public final class EmbeddedRecording implements LocalRecording {

    private EmbeddedBroker broker;
    private Recorder recorder;

    @Override
    public MqttSettings start(Path datasetDir, String robotId) {
        broker = EmbeddedBroker.start(0, null);
        MqttSettings mqtt = MqttSettings.of(broker.url());
        recorder = Recorder.start(new Recorder.Options(mqtt, datasetDir, robotId, "sim2pi-run-recorder", 16 << 20, 3600), null);
        try {
            if (!recorder.awaitConnected(30_000)) {
                throw new IllegalStateException("the recorder could not connect to the embedded broker " + broker.url());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the recorder", e);
        }
        System.err.println("sim2pi controller: recording to " + datasetDir.toAbsolutePath() + " through " + broker.url());
        return mqtt;
    }

    @Override
    public long finish(long frames, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (recorder.stats().framesWritten() < frames && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long written = recorder.stats().framesWritten();
        close();
        return written;
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
