package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry through a real Mosquitto that is stopped mid-stream and started again. */
class BrokerOutageTest {

    @TempDir
    Path tmp;

    @Test
    void brokerOutageMidStreamLosesAndDuplicatesNothingAndKeepsOrder() throws Exception {
        long outageMillis = Boolean.getBoolean("sim2pi.long") ? 30_000 : 3_000;
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder recorder = Recorder.start(Recorder.Options.of(mqtt, tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(10_000), "recorder connects");
            String[] robots = {"r1", "r2"};
            TelemetryPublisher[] pubs = new TelemetryPublisher[robots.length];
            SyntheticFrames.Pump[] loops = new SyntheticFrames.Pump[robots.length];
            for (int i = 0; i < robots.length; i++) {
                pubs[i] = TelemetryPublisher.start(PublisherConfig.defaults(robots[i], mqtt, tmp.resolve("spool-" + i)),
                        SyntheticFrames.layout(), "s" + i);
                loops[i] = SyntheticFrames.start(pubs[i], 200, i);
            }
            Thread.sleep(1500);
            broker.stopProcess();
            Thread.sleep(outageMillis);
            assertFalse(pubs[0].stats().connected(), "publisher notices the outage");
            broker.startProcess();
            Thread.sleep(1500);
            long[] sent = new long[robots.length];
            for (int i = 0; i < robots.length; i++) {
                loops[i].close();
                pubs[i].close(10_000);
                sent[i] = pubs[i].stats().framesEnqueued();
                assertEquals(0, pubs[i].stats().framesDropped());
                assertEquals(0, pubs[i].stats().messagesSpooled(), "spool drained");
            }
            long total = sent[0] + sent[1];
            assertTrue(total > 1000, "frames flowed before, during and after the outage: " + total);
            long end = System.currentTimeMillis() + 15_000;
            while (recorder.stats().framesWritten() < total && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            recorder.close();
            assertEquals(total, recorder.stats().framesWritten());
            assertEquals(0, recorder.stats().missing());
            for (int i = 0; i < robots.length; i++) {
                List<Frame> frames = new DatasetReader(tmp.resolve("data").resolve(robots[i]).resolve("s" + i)).readAll();
                assertEquals(sent[i], frames.size(), "every frame once for " + robots[i]);
                for (int k = 0; k < frames.size(); k++) {
                    assertEquals(k, frames.get(k).getSequence(), "in order for " + robots[i]);
                }
                assertTrue(new DatasetReader(tmp.resolve("data").resolve(robots[i]).resolve("s" + i)).layout().isPresent(),
                        "layout recorded");
            }
        }
    }
}
