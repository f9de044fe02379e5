package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.Status;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees in a real headless Chromium: a hint instead of empty black panels until
 * data arrives, then a plot with a labelled time axis, and a robot going offline in the events.
 * Data is fed through {@link MonitorState#handle}, as the MQTT callback would.
 */
class MonitorPageTest {

    @TempDir
    Path tmp;

    private static byte[] batch(String robot, int first, int count) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot)
                .setSessionId("s1");
        for (int i = first; i < first + count; i++) {
            // 100 Hz for 2.5 s: the time axis runs from 0 s to about 2.5 s.
            b.addFrames(Frame.newBuilder().setTimestampNanos(1_000_000_000L + i * 10_000_000L).setSequence(i)
                    .addSensors((float) Math.sin(i * 0.1)).addSensors(i).addCommand(0.5f).setStartLatenessNanos(15_000));
        }
        return b.build().toByteArray();
    }

    @Test
    void emptyPanelsSayWhatTheyWaitForAndThePlotGetsATimeAxis() throws Exception {
        try (MonitorState state = MonitorStateTest.offline();
             MonitorServer server = new MonitorServer(state, 0);
             HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"))) {
            chromium.navigate(server.url());
            waitFor(chromium, "document.getElementById('conn').textContent === 'broker unreachable'");
            assertEquals("false", chromium.eval("document.getElementById('plothint').hidden"));
            assertTrue(chromium.eval("document.getElementById('plothint').textContent").contains("broker"),
                    chromium.eval("document.getElementById('plothint').textContent"));
            assertEquals("false", chromium.eval("document.getElementById('jitterhint').hidden"));
            assertTrue(chromium.eval("document.getElementById('robots').textContent").contains("No robot"),
                    chromium.eval("document.getElementById('robots').textContent"));

            state.handle(Topics.status("m1"), MonitorStateTest.status("m1", Status.State.ONLINE));
            waitFor(chromium, "document.querySelector('#robots tr[data-robot=\"m1\"]') !== null");
            assertTrue(chromium.eval("document.getElementById('plothint').textContent").contains("m1"),
                    "waits for frames from the robot: " + chromium.eval("document.getElementById('plothint').textContent"));

            state.handle(Topics.telemetry("m1"), batch("m1", 0, 251));
            waitFor(chromium, "document.getElementById('plothint').hidden === true");
            assertEquals("true", chromium.eval("document.getElementById('jitterhint').hidden"));
            String[] ticks = chromium.eval("document.getElementById('plot').dataset.xTicks").split("\\|");
            assertTrue(ticks.length >= 3, Arrays.toString(ticks));
            assertEquals("0 s", ticks[0], Arrays.toString(ticks));
            for (String t : ticks) {
                assertTrue(t.matches("\\d+(\\.\\d+)? s"), "a time label in seconds: " + t);
                assertTrue(Double.parseDouble(t.replace(" s", "")) <= 2.5, t);
            }
            assertEquals("time since the session's first frame (s)", chromium.eval("document.getElementById('plot').dataset.xLabel"));

            state.handle(Topics.status("m1"), MonitorStateTest.status("m1", Status.State.OFFLINE));
            waitFor(chromium, "document.getElementById('events').textContent.includes('offline')");
            assertTrue(chromium.eval("document.querySelector('#events .bad') !== null").equals("true"),
                    "going offline is shown as bad news");
        }
    }

    private static void waitFor(HeadlessChromium c, String condition) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!"true".equals(c.eval("Boolean(" + condition + ")"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + condition + "; page: "
                        + c.eval("document.body ? document.body.innerText.slice(0, 500) : '(no body)'"));
            }
            Thread.sleep(100);
        }
    }
}
