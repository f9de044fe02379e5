package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.nio.file.Path;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage on the telemetry topic is counted and skipped; recording goes on. */
class MalformedMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void malformedAndOversizedMessagesAreCountedAndSkippedAndRecordingContinues() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder.Options opts = new Recorder.Options(mqtt, tmp.resolve("data"), null, "rec-test", 64 * 1024, 60);
            Recorder recorder = Recorder.start(opts, null);
            assertTrue(recorder.awaitConnected(10_000));
            MqttClient evil = new MqttClient(broker.url(), "evil", new MemoryPersistence());
            evil.connect();
            evil.publish(Topics.telemetry("x"), new byte[] {(byte) 0xff, 0x01, 0x02, 0x03}, 1, false);
            evil.publish(Topics.telemetry("x"), new byte[200 * 1024], 1, false);
            evil.publish(Topics.session("x"), "not a protobuf at all".getBytes(), 1, false);
            evil.disconnect();
            evil.close();

            TelemetryPublisher pub = TelemetryPublisher.start(
                    PublisherConfig.defaults("good", mqtt, tmp.resolve("spool")), SyntheticFrames.layout(), "s");
            double[] s = new double[6];
            for (int i = 0; i < 500; i++) {
                pub.frame().begin(i);
                pub.frame().sensors(s, 0).commit();
            }
            pub.close(10_000);
            long end = System.currentTimeMillis() + 10_000;
            while (recorder.stats().framesWritten() < 500 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertEquals(500, recorder.stats().framesWritten());
            assertEquals(2, recorder.stats().malformed());
            assertEquals(1, recorder.stats().oversized());
        }
    }
}
