package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryFrame;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A controller that stops with telemetry still spooled loses none of it when it starts again. */
class SpoolRestartTest {

    @TempDir
    Path tmp;

    @Test
    void controllerRestartedWithNonEmptySpoolDeliversEverything() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            broker.stopProcess();
            PublisherConfig config = PublisherConfig.defaults("bot", mqtt, tmp.resolve("spool"));
            // First run: broker down the whole time, so every batch stays in the spool.
            TelemetryPublisher first = TelemetryPublisher.start(config, SyntheticFrames.layout(), "run1");
            writeFrames(first.frame(), 1000);
            Thread.sleep(200);
            first.close(0);
            assertTrue(first.stats().messagesSpooled() > 0, "batches left in the spool");
            assertTrue(Files.list(tmp.resolve("spool")).anyMatch(p -> p.toString().endsWith(".seg")));

            broker.startProcess();
            Recorder recorder = Recorder.start(Recorder.Options.of(mqtt, tmp.resolve("data"), "bot"), null);
            assertTrue(recorder.awaitConnected(10_000));
            TelemetryPublisher second = TelemetryPublisher.start(config, SyntheticFrames.layout(), "run2");
            writeFrames(second.frame(), 300);
            second.close(10_000);
            long end = System.currentTimeMillis() + 10_000;
            while (recorder.stats().framesWritten() < 1300 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            List<Frame> run1 = new DatasetReader(tmp.resolve("data/bot/run1")).readAll();
            List<Frame> run2 = new DatasetReader(tmp.resolve("data/bot/run2")).readAll();
            assertEquals(1000, run1.size());
            assertEquals(300, run2.size());
            for (int i = 0; i < run1.size(); i++) {
                assertEquals(i, run1.get(i).getSequence());
                assertEquals(i * 1000L, run1.get(i).getTimestampNanos());
            }
            assertTrue(new DatasetReader(tmp.resolve("data/bot/run1")).layout().isPresent(),
                    "the first session's layout came out of the spool too");
            assertEquals(0, recorder.stats().duplicates());
        }
    }

    private static void writeFrames(TelemetryFrame f, int n) {
        double[] sensors = new double[6];
        for (int i = 0; i < n; i++) {
            sensors[0] = i;
            f.begin(i * 1000L);
            f.sensors(sensors, 0).commit();
        }
    }
}
