package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.PublisherStats;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.DatasetMerge;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.record.DatasetSchema;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two recorders in one MQTT 5 shared subscription group on a real Mosquitto split three robots'
 * telemetry: each stores some of every robot's batches, their joint confirmations empty the
 * robots' spools (no gap resends, no stalled confirmations), and {@link DatasetMerge} joins their
 * outputs into complete datasets with nothing lost or duplicated.
 */
class SharedRecordersTest {

    @TempDir
    Path tmp;

    @Test
    void twoRecordersInAShareGroupSplitTheFleetAndTheMergeLosesNothing() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder a = Recorder.start(new Recorder.Options(mqtt, tmp.resolve("a"), null, "rec-a", 16 << 20, 600)
                    .withShareGroup("fleet"), null);
            Recorder b = Recorder.start(new Recorder.Options(mqtt, tmp.resolve("b"), null, "rec-b", 16 << 20, 600)
                    .withShareGroup("fleet"), null);
            assertTrue(a.awaitConnected(20_000) && b.awaitConnected(20_000));
            int robots = 3;
            TelemetryPublisher[] pubs = new TelemetryPublisher[robots];
            SyntheticFrames.Pump[] loops = new SyntheticFrames.Pump[robots];
            for (int i = 0; i < robots; i++) {
                pubs[i] = TelemetryPublisher.start(PublisherConfig.defaults("r" + i, mqtt, tmp.resolve("spool-" + i)),
                        SyntheticFrames.layout(), "s1");
                assertTrue(pubs[i].awaitConnected(20_000));
                loops[i] = SyntheticFrames.start(pubs[i], 200, i);
            }
            // Until each recorder has stored a good share: enough batches for both to get some of every robot.
            long end = System.nanoTime() + 60_000_000_000L;
            while ((a.stats().framesWritten() < 600 || b.stats().framesWritten() < 600) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            long sent = 0;
            for (int i = 0; i < robots; i++) {
                loops[i].close();
                pubs[i].close(30_000);
                sent += pubs[i].stats().framesEnqueued();
            }
            end = System.nanoTime() + 30_000_000_000L;
            while (a.stats().framesWritten() + b.stats().framesWritten() - 0 < sent && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            a.close();
            b.close();
            for (TelemetryPublisher p : pubs) {
                PublisherStats s = p.stats();
                assertTrue(s.recorderConfirming(), "the group's confirmations reach the robot");
                assertEquals(0, s.gapResends(), "another recorder's batches are no gap");
                assertEquals(0, s.retransmissions(), "the joint confirmations advance: no stall");
                assertEquals(0, s.framesUnsent());
            }
            assertTrue(a.stats().framesWritten() > 0 && b.stats().framesWritten() > 0, "both recorders took a share");

            Path merged = tmp.resolve("merged");
            List<DatasetMerge.Result> results = DatasetMerge.merge(List.of(tmp.resolve("a"), tmp.resolve("b")), merged);
            assertEquals(robots, results.size());
            long mergedFrames = 0;
            for (DatasetMerge.Result r : results) {
                assertEquals(2, r.sources(), r.robot() + ": in both recorders' outputs");
                assertEquals(0, r.missing(), r.robot());
                assertTrue(r.hadLayout(), "every recorder of the group got the layout");
                List<Frame> frames = new DatasetReader(merged.resolve(r.robot()).resolve(r.session())).readAll();
                for (int i = 0; i < frames.size(); i++) {
                    assertEquals(i, frames.get(i).getSequence(), "every frame once, in order");
                }
                mergedFrames += frames.size();
                assertTrue(Files.exists(merged.resolve(r.robot()).resolve(r.session()).resolve(DatasetSchema.PROTO)));
            }
            assertEquals(sent, mergedFrames, "nothing lost");
        }
    }
}
