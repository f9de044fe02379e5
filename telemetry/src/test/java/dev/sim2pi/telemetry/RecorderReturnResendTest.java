package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A broker restarts without its state while the recorder is away, so it acknowledges batches
 * nobody receives. The recorder's return (a new subscription number in its confirmations) must
 * make the publisher send them again at once, not only once confirmations stall.
 */
class RecorderReturnResendTest {

    @TempDir
    Path tmp;

    @Test
    void batchesARestartedBrokerAcknowledgedButLostAreResentWhenTheRecorderReturns() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startForgetful(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            Recorder.Options options = Recorder.Options.of(mqtt, tmp.resolve("data"), null);
            Recorder first = Recorder.start(options, null);
            assertTrue(first.awaitConnected(10_000), "recorder connects");
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("r1", mqtt, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s1");
            SyntheticFrames.Pump loop = SyntheticFrames.start(pub, 200, 7);
            Thread.sleep(800);
            first.close();
            broker.stopProcess();
            broker.startProcess();
            long acked = pub.stats().messagesAcked();
            long end = System.currentTimeMillis() + 10_000;
            while (pub.stats().messagesAcked() < acked + 5 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertTrue(pub.stats().messagesAcked() >= acked + 5, "the restarted broker acknowledged batches with no subscriber");
            Recorder second = Recorder.start(options, null);
            assertTrue(second.awaitConnected(10_000), "recorder reconnects");
            Thread.sleep(500);
            loop.close();
            pub.close(10_000);
            long sent = pub.stats().framesEnqueued();
            end = System.currentTimeMillis() + 10_000;
            while (second.stats().framesWritten() < sent && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            second.close();
            assertTrue(pub.stats().recorderResends() >= 1, "resent because the recorder re-subscribed");
            List<Frame> frames = new DatasetReader(tmp.resolve("data").resolve("r1").resolve("s1")).readAll();
            assertEquals(sent, frames.size(), "every frame stored once");
            // The dataset is in arrival order: the resent stretch lands after what the returning
            // recorder received first, so check that sequences 0..sent-1 are each there once.
            long[] sequences = frames.stream().mapToLong(Frame::getSequence).sorted().toArray();
            for (int k = 0; k < sequences.length; k++) {
                assertEquals(k, sequences[k], "sequence " + k + " stored exactly once");
            }
        }
    }
}
