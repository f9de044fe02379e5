package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MosquittoBroker;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.wire.proto.Command;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live monitor in a real headless Chromium against a real broker. */
class MonitorBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void pageLoadsPlotUpdatesWithLiveFramesAndEstopPublishesTheCommand() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            MqttClient watcher = new MqttClient(broker.url(), "cmd-watcher", new MemoryPersistence());
            BlockingQueue<Command> commands = new ArrayBlockingQueue<>(10);
            watcher.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) throws Exception {
                    commands.add(Command.parseFrom(m.getPayload()));
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
            try (MonitorState state = new MonitorState(mqtt);
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
            } finally {
                robot.close();
                pub.close(1000);
                watcher.disconnect();
                watcher.close();
            }
        }
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
