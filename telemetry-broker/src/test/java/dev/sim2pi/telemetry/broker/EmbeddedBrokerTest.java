package dev.sim2pi.telemetry.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void pahoV5PublisherAndRecorderWorkThroughTheEmbeddedBrokerAcrossARestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, tmp.resolve("broker-data"))) {
            assertTrue(EmbeddedBroker.configXml(1883, true).contains("<bind-address>127.0.0.1</bind-address>"));
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder recorder = Recorder.start(Recorder.Options.of(mqtt, tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(15_000));
            TelemetryPublisher pub = TelemetryPublisher.start(
                    PublisherConfig.defaults("e1", mqtt, tmp.resolve("spool")), SyntheticFrames.layout(), "s");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 1);
            Thread.sleep(1000);
            broker.stop();
            Thread.sleep(500);
            broker.startAgain();
            Thread.sleep(1500);
            robot.close();
            pub.close(15_000);
            long sent = pub.stats().framesEnqueued();
            long end = System.currentTimeMillis() + 15_000;
            while (recorder.stats().framesWritten() < sent && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertTrue(sent > 300);
            assertEquals(sent, recorder.stats().framesWritten());
            assertEquals(0, recorder.stats().missing());
        }
    }

    @Test
    void aFreshInstanceTakesThePortWhileTheOldOneIsStillShuttingDownAndNothingIsLost() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, null)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder recorder = Recorder.start(Recorder.Options.of(mqtt, tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(15_000));
            TelemetryPublisher pub = TelemetryPublisher.start(
                    PublisherConfig.defaults("e2", mqtt, tmp.resolve("spool")), SyntheticFrames.layout(), "s");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 2);
            Thread.sleep(1000);
            broker.beginStop();
            broker.startFresh();
            Thread.sleep(1500);
            robot.close();
            pub.close(15_000);
            long sent = pub.stats().framesEnqueued();
            long end = System.currentTimeMillis() + 15_000;
            while (recorder.stats().framesWritten() < sent && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertTrue(sent > 300);
            assertEquals(sent, recorder.stats().framesWritten(), "the forgotten sessions were repaired by resending");
            assertEquals(0, recorder.stats().missing());
        }
    }
}
