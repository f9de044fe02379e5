package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.SequenceTracker;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.TelemetryAck;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch vanishes between broker and recorder (as when a broker drops messages queued for a
 * slow subscriber) while later ones arrive. The recorder's confirmations then report frames
 * stored above a gap, and the publisher must resend from the gap on that report, not only after
 * confirmations stall for seconds.
 */
class GapReportResendTest {

    @TempDir
    Path tmp;

    @Test
    void aReportedGapIsResentWithoutWaitingForConfirmationsToStall() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            try (LossyRecorder recorder = new LossyRecorder(mqtt, "r1", 3)) {
                TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("r1", mqtt, tmp.resolve("spool")),
                        SyntheticFrames.layout(), "s1");
                assertTrue(pub.awaitConnected(10_000), "publisher connects");
                SyntheticFrames.Pump loop = SyntheticFrames.start(pub, 200, 3);
                Thread.sleep(1000);
                loop.close();
                long sent = pub.stats().framesEnqueued();
                long end = System.currentTimeMillis() + 10_000;
                while (recorder.contiguousThrough() < sent - 1 && System.currentTimeMillis() < end) {
                    Thread.sleep(10);
                }
                pub.close(10_000);
                assertEquals(1, recorder.dropped.get(), "the recorder lost one batch");
                assertEquals(sent - 1, recorder.contiguousThrough(), "every frame arrived in the end");
                assertTrue(pub.stats().gapResends() >= 1, "resent on the gap report");
                assertEquals(0, pub.stats().retransmissions(), "not by the stalled-confirmation fallback");
            }
        }
    }

    /** Subscribes like a recorder, loses the n-th batch once, confirms like a recorder. */
    private static final class LossyRecorder implements MqttCallback, AutoCloseable {
        private final MqttAsyncClient client;
        private final String robot;
        private final int loseBatch;
        private final SequenceTracker tracker = new SequenceTracker();
        private final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        private final Thread confirmer;
        private volatile String session;
        private volatile boolean running = true;

        LossyRecorder(MqttSettings mqtt, String robot, int loseBatch) throws MqttException {
            this.robot = robot;
            this.loseBatch = loseBatch;
            client = new MqttAsyncClient(mqtt.serverUrl(), "lossy-recorder", new MemoryPersistence(), null,
                    PahoThreads.shared());
            client.setCallback(this);
            client.connect(mqtt.options()).waitForCompletion(10_000);
            client.subscribe(Topics.telemetry(robot), 1).waitForCompletion(10_000);
            confirmer = new Thread(this::confirm, "lossy-recorder-acks");
            confirmer.start();
        }

        synchronized long contiguousThrough() {
            return tracker.contiguousThrough();
        }

        private void confirm() {
            while (running) {
                try {
                    Thread.sleep(100);
                    String s = session;
                    if (s == null) {
                        continue;
                    }
                    long contiguous;
                    long highest;
                    synchronized (this) {
                        contiguous = tracker.contiguousThrough();
                        highest = tracker.next() - 1;
                    }
                    byte[] ack = TelemetryAck.newBuilder().setSchemaVersion(WireSchema.VERSION).setSessionId(s)
                            .setContiguousThrough(contiguous).setHighestStored(highest).setRecorderId("lossy")
                            .setSubscription(1).build().toByteArray();
                    client.publish(Topics.telemetryAck(robot), ack, 0, false);
                } catch (InterruptedException e) {
                    return;
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            TelemetryBatch batch = TelemetryBatch.parseFrom(message.getPayload());
            session = batch.getSessionId();
            if (batches.incrementAndGet() == loseBatch) {
                dropped.incrementAndGet();
                return;
            }
            synchronized (this) {
                for (Frame f : batch.getFramesList()) {
                    tracker.accept(f.getSequence());
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            confirmer.interrupt();
            confirmer.join();
            client.disconnect().waitForCompletion(5000);
            client.close();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
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
