package dev.sim2pi.telemetry.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with access control: no credentials, no connection; a robot's credentials
 * reach only that robot's topics; only a recorder can confirm telemetry. Every refusal is counted.
 * The real publisher and recorder work through it with their roles.
 */
class AccessControlTest {

    @TempDir
    Path tmp;

    private static MqttClient connect(String url, String id, BrokerCredentials.User u) throws MqttException {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (u != null) {
            o.setUserName(u.name());
            o.setPassword(u.password().getBytes());
        }
        c.connect(o);
        return c;
    }

    private static MqttSettings as(String url, BrokerCredentials.User u) {
        return new MqttSettings(url, u.name(), u.password().toCharArray(), null, null, null);
    }

    @Test
    void strangersAndRobotsOnOtherRobotsTopicsAreRefusedAndCountedWhileRealClientsWork() throws Exception {
        BrokerCredentials creds = BrokerCredentials.generate(List.of("a", "b"));
        Path file = tmp.resolve(".sim2pi/broker-credentials.properties");
        creds.write(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        creds = BrokerCredentials.read(file);
        BrokerCredentials.User a = creds.user("a").orElseThrow();
        BrokerCredentials.User rec = creds.user(BrokerCredentials.RECORDER).orElseThrow();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, null, creds)) {
            String url = broker.url();
            assertThrows(MqttException.class, () -> connect(url, "stranger", null), "no credentials");
            assertThrows(MqttException.class, () -> connect(url, "liar",
                    new BrokerCredentials.User("a", "wrong", a.role(), "a")), "wrong password");
            assertEquals(2, broker.refusals()[0]);

            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            MqttClient watcher = connect(url, "watcher", rec);
            watcher.setCallback(new MqttCallback() {
                public void disconnected(MqttDisconnectResponse r) { }
                public void mqttErrorOccurred(MqttException e) { }
                public void messageArrived(String topic, MqttMessage m) {
                    seen.add(topic);
                }
                public void deliveryComplete(IMqttToken t) { }
                public void connectComplete(boolean reconnect, String uri) { }
                public void authPacketArrived(int code, MqttProperties p) { }
            });
            watcher.subscribe(Topics.filter(null, "telemetry"), 1);

            // HiveMQ answers a refused publish by disconnecting the client: one connection per attempt.
            attemptPublish(url, a, Topics.telemetry("b"));    // another robot's telemetry
            attemptPublish(url, a, Topics.telemetryAck("a")); // a confirmation: recorders only
            attemptPublish(url, a, Topics.command("a"));      // commanding itself: operators only
            MqttClient robotA = connect(url, "robot-a", a);
            robotA.publish(Topics.telemetry("a"), new byte[] {1}, 1, false); // its own: allowed
            assertEquals(Topics.telemetry("a"), seen.poll(20, TimeUnit.SECONDS));
            assertEquals(3, broker.refusals()[1], "three publishes refused");
            try {
                IMqttToken sub = robotA.subscribe(Topics.command("b"), 1);
                assertTrue(sub.getReasonCodes()[0] >= 0x80, "robot a may not read robot b's commands");
            } catch (MqttException e) {
                // Paho may report the refused subscription as an error: the counter says what happened.
            }
            assertEquals(1, broker.refusals()[2]);
            robotA.disconnect();
            watcher.disconnect();
            assertTrue(seen.isEmpty(), "nothing else got through: " + seen);

            // The real clients, each with its role.
            Recorder recorder = Recorder.start(Recorder.Options.of(as(url, rec), tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(15_000));
            TelemetryPublisher pub = TelemetryPublisher.start(
                    PublisherConfig.defaults("a", as(url, a), tmp.resolve("spool")), SyntheticFrames.layout(), "s");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 1);
            long end = System.currentTimeMillis() + 30_000;
            while (!pub.stats().recorderConfirming() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            robot.close();
            pub.close(15_000);
            long sent = pub.stats().framesEnqueued();
            end = System.currentTimeMillis() + 15_000;
            while (recorder.stats().framesWritten() < sent && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertTrue(pub.stats().recorderConfirming(), "the recorder's confirmations reach the robot");
            assertEquals(sent, recorder.stats().framesWritten());
            assertEquals(3, broker.refusals()[1], "the real clients stay within their roles");
            assertEquals(1, broker.refusals()[2]);
        }
    }

    /**
     * The bench's restart: a fresh broker takes the port while the old one is still shutting
     * down. The old one finishing its stop must not forget who logged in to the new one; it did,
     * and every client was refused its next publish and disconnected (two reconnects per restart).
     */
    @Test
    void aClientOfTheRestartedBrokerKeepsPublishingAfterTheOldInstanceHasStopped() throws Exception {
        BrokerCredentials creds = BrokerCredentials.generate(List.of("a"));
        BrokerCredentials.User a = creds.user("a").orElseThrow();
        BrokerCredentials.User rec = creds.user(BrokerCredentials.RECORDER).orElseThrow();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, null, creds)) {
            connect(broker.url(), "before", a).disconnect();
            broker.beginStop();
            broker.startFresh();
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            MqttClient watcher = connect(broker.url(), "watcher", rec);
            watcher.setCallback(new MqttCallback() {
                public void disconnected(MqttDisconnectResponse r) { }
                public void mqttErrorOccurred(MqttException e) { }
                public void messageArrived(String topic, MqttMessage m) {
                    seen.add(topic);
                }
                public void deliveryComplete(IMqttToken t) { }
                public void connectComplete(boolean reconnect, String uri) { }
                public void authPacketArrived(int code, MqttProperties p) { }
            });
            watcher.subscribe(Topics.filter(null, Topics.TELEMETRY), 1);
            MqttClient robotA = connect(broker.url(), "robot-a", a);
            broker.awaitStopped();
            robotA.publish(Topics.telemetry("a"), new byte[] {1}, 1, false);
            assertEquals(Topics.telemetry("a"), seen.poll(20, TimeUnit.SECONDS), "still allowed after the old instance stopped");
            assertTrue(robotA.isConnected());
            assertEquals(0, broker.refusals()[1]);
            robotA.disconnect();
            watcher.disconnect();
        }
    }

    /** Publishes on a fresh connection; the broker's counters and the watcher say whether it got through. */
    private static void attemptPublish(String url, BrokerCredentials.User u, String topic)
            throws MqttException, InterruptedException {
        MqttClient c = connect(url, "robot-a-try", u);
        try {
            c.publish(topic, new byte[] {1}, 1, false);
        } catch (MqttException e) {
            // Refused: HiveMQ disconnects the client.
        }
        // The refusal arrives with the PUBACK, or as the broker's DISCONNECT just after it.
        long end = System.currentTimeMillis() + 10_000;
        while (c.isConnected() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        if (c.isConnected()) {
            c.disconnectForcibly(100);
        }
        c.close(true);
    }
}
