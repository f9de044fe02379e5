package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The shipped Mosquitto ACL file ({@code dev/sim2pi/telemetry/mosquitto/acl}) on a real
 * Mosquitto with passwords: strangers cannot connect, a robot cannot publish another robot's
 * telemetry or a confirmation (Mosquitto drops such publishes), and the real publisher and
 * recorder work with their roles.
 */
class MosquittoAclTest {

    @TempDir
    Path tmp;

    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    @Test
    void theShippedAclKeepsRobotsToTheirOwnTopicsAndOnlyRecordersConfirm() throws Exception {
        assumeTrue(Files.isExecutable(PASSWD) || "true".equals(System.getenv("CI")), "mosquitto_passwd not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        tmp.toFile().setExecutable(true, false);
        Path acl = tmp.resolve("acl");
        try (InputStream in = Topics.class.getResourceAsStream("mosquitto/acl")) {
            Files.write(acl, in.readAllBytes());
        }
        Path passwd = tmp.resolve("passwd");
        for (String[] u : new String[][] {{"recorder", "rec-secret"}, {"a", "a-secret"}, {"b", "b-secret"}}) {
            Process p = new ProcessBuilder(PASSWD.toString(), "-b", passwd.toString(), u[0], u[1])
                    .redirectErrorStream(true).start();
            if (!Files.exists(passwd)) {
                p = new ProcessBuilder(PASSWD.toString(), "-c", "-b", passwd.toString(), u[0], u[1])
                        .redirectErrorStream(true).start();
            }
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        }
        passwd.toFile().setReadable(true, false);
        acl.toFile().setReadable(true, false);
        Files.writeString(tmp.resolve("mosquitto.conf"), String.join("\n", "listener " + port + " 127.0.0.1",
                "allow_anonymous false", "password_file " + passwd, "acl_file " + acl, "log_dest none", ""));
        Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", tmp.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
        try {
            long end = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (java.io.IOException e) {
                    assertTrue(broker.isAlive() && System.nanoTime() < end, "mosquitto starts: " + Files.readString(tmp.resolve("out")));
                    Thread.sleep(20);
                }
            }
            String url = "tcp://127.0.0.1:" + port;
            assertThrows(MqttException.class, () -> connect(url, "stranger", null, null));
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            MqttClient watcher = connect(url, "watcher", "recorder", "rec-secret");
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
            watcher.subscribe(new String[] {"sim2pi/+/telemetry", "sim2pi/+/telemetry/ack"}, new int[] {1, 1});
            MqttClient robotA = connect(url, "robot-a", "a", "a-secret");
            for (String t : new String[] {Topics.telemetry("b"), Topics.telemetryAck("a"), Topics.telemetry("a")}) {
                try {
                    robotA.publish(t, new byte[] {1}, 1, false);
                } catch (MqttException e) {
                    // Mosquitto may answer a refused publish with an error code: still refused.
                }
            }
            assertEquals(Topics.telemetry("a"), seen.poll(20, TimeUnit.SECONDS), "its own telemetry gets through");
            assertNull(seen.poll(500, TimeUnit.MILLISECONDS), "nothing else did: another robot's topic, a confirmation");
            robotA.disconnect();
            watcher.disconnect();

            MqttSettings asRecorder = new MqttSettings(url, "recorder", "rec-secret".toCharArray(), null, null, null);
            MqttSettings asA = new MqttSettings(url, "a", "a-secret".toCharArray(), null, null, null);
            Recorder recorder = Recorder.start(Recorder.Options.of(asRecorder, tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(15_000));
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("a", asA, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 1);
            end = System.nanoTime() + 30_000_000_000L;
            while (!pub.stats().recorderConfirming() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            robot.close();
            pub.close(15_000);
            long sent = pub.stats().framesEnqueued();
            end = System.nanoTime() + 15_000_000_000L;
            while (recorder.stats().framesWritten() < sent && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertTrue(pub.stats().recorderConfirming(), "the recorder's confirmations reach the robot");
            assertEquals(sent, recorder.stats().framesWritten());
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static MqttClient connect(String url, String id, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes());
        }
        c.connect(o);
        return c;
    }
}
