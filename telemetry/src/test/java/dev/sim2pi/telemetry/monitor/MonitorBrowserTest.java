package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MosquittoBroker;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.command.SignedContent;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live monitor in a real headless Chromium against a real broker. Its buttons send commands
 * signed with the key the monitor was started with; a robot on the broker checks the signature
 * as the controller does and answers late, so the page shows "sent" first and "robot stopped"
 * only once the robot's acknowledgement arrives.
 */
class MonitorBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void pageLoadsPlotUpdatesWithLiveFramesAndSignedEstopShowsSentThenRobotStopped() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            MqttClient watcher = new MqttClient(broker.url(), "cmd-watcher", new MemoryPersistence());
            BlockingQueue<Command> commands = new ArrayBlockingQueue<>(10);
            java.security.KeyPair operator = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
            watcher.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) throws Exception {
                    Command c = Command.parseFrom(m.getPayload());
                    commands.add(c);
                    // The robot answers once the test lets it, from its own thread (not Paho's).
                    new Thread(() -> {
                        try {
                            answer.await(30, TimeUnit.SECONDS);
                            boolean signed = verifies(operator.getPublic(), "m1", c);
                            watcher.publish(Topics.commandAck("m1"), CommandAck.newBuilder().setSchemaVersion(1)
                                    .setCommandId(c.getCommandId()).setAccepted(signed)
                                    .setReason(signed ? "" : "unsigned").setMessage(signed ? c.getKind() + " done" : "")
                                    .build().toByteArray(), 1, false);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).start();
                }
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
                public void connectComplete(boolean reconnect, String uri) { }
                public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) { }
            });
            watcher.connect();
            watcher.subscribe(Topics.command("m1"), 1);

            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("m1", mqtt, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "live");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 3);
            CommandSigner signer = new CommandSigner(operator.getPrivate(), operator.getPublic(),
                    java.time.InstantSource.system(), new java.security.SecureRandom(), "monitor");
            try (MonitorState state = new MonitorState(mqtt, signer);
                 MonitorServer server = new MonitorServer(state, 0);
                 HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"))) {
                chromium.navigate(server.url());
                waitFor(chromium, "document.querySelector('#robots tr[data-robot=\"m1\"]') !== null", 20_000);
                assertEquals("sim2pi monitor", chromium.eval("document.title"));
                int updates1 = Integer.parseInt(chromium.eval("document.getElementById('plot').dataset.updates"));
                String t1 = chromium.eval("document.getElementById('plot').dataset.lastTime");
                Thread.sleep(1000);
                int updates2 = Integer.parseInt(chromium.eval("document.getElementById('plot').dataset.updates"));
                String t2 = chromium.eval("document.getElementById('plot').dataset.lastTime");
                assertTrue(updates2 - updates1 >= 5, "plot redraws at >= 5 Hz even on a loaded machine: " + (updates2 - updates1));
                assertTrue(Double.parseDouble(t2) > Double.parseDouble(t1), "newer frames plotted: " + t1 + " -> " + t2);
                assertTrue(Integer.parseInt(chromium.eval("document.getElementById('plot').dataset.samples")) > 10);
                assertTrue(chromium.eval("document.getElementById('channel').options.length").equals("12"),
                        "channel list from the announced layout");

                chromium.eval("document.getElementById('estop').click()");
                Command cmd = commands.poll(10, TimeUnit.SECONDS);
                assertTrue(cmd != null, "e-stop published on sim2pi/m1/cmd");
                assertEquals(Command.Kind.ESTOP, cmd.getKind());
                assertEquals("monitor", cmd.getOrigin());
                assertTrue(verifies(operator.getPublic(), "m1", cmd), "signed with the monitor's key");
                waitFor(chromium, "document.getElementById('cmdresult').dataset.state === 'sent'", 10_000);
                assertEquals("ESTOP sent", chromium.eval("document.getElementById('cmdresult').textContent"),
                        "before the robot answers the page says only that it was sent");
                answer.countDown();
                waitFor(chromium, "document.getElementById('cmdresult').dataset.state === 'robot stopped'", 20_000);
                assertTrue(chromium.eval("document.getElementById('cmdresult').textContent").startsWith("ESTOP robot stopped"));

                chromium.eval("document.getElementById('arm').click()");
                Command arm = commands.poll(10, TimeUnit.SECONDS);
                assertEquals(Command.Kind.ARM, arm.getKind());
                assertTrue(verifies(operator.getPublic(), "m1", arm), "arm is signed: the robot accepts it");
                waitFor(chromium, "document.getElementById('cmdresult').dataset.state === 'accepted'", 20_000);
                assertEquals("false", chromium.eval("document.getElementById('arm').disabled"));
            } finally {
                robot.close();
                pub.close(1000);
                watcher.disconnect();
                watcher.close();
            }
        }
    }

    /** The controller's check: an Ed25519 signature by {@code key} over the command's signed content. */
    static boolean verifies(java.security.PublicKey key, String robot, Command c) throws Exception {
        if (!c.hasSignature()) {
            return false;
        }
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(SignedContent.of(robot, c));
        return s.verify(c.getSignature().getValue().toByteArray());
    }

    private static void waitFor(HeadlessChromium c, String condition, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!"true".equals(c.eval("Boolean(" + condition + ")"))) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + condition + "; page: "
                        + c.eval("document.body ? document.body.innerText.slice(0, 500) : '(no body)'"));
            }
            Thread.sleep(100);
        }
    }
}
