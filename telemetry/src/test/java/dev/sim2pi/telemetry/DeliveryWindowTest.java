package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.PublisherStats;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.record.RecorderStats;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery window, through a real Mosquitto, with the publisher on stepped time: how long a
 * robot keeps a batch, and what a recorder learns about the frames it will never get (dropped
 * from a full spool, past the window, or sent before the recorder joined). The recorder runs on
 * real time: it confirms every 250 ms.
 */
class DeliveryWindowTest {

    @TempDir
    Path tmp;

    private final SteppedClock clock = new SteppedClock();
    private long timestamp;

    /** {@code chunks} control windows of {@code frames} frames each, 50 ms of stepped time apiece. */
    private void stream(TelemetryPublisher p, int chunks, int frames) throws InterruptedException {
        double[] s = new double[6];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < frames; i++) {
                s[0] = timestamp;
                p.frame().begin(timestamp++);
                p.frame().sensors(s, 0).commit();
            }
            clock.advanceNanos(50_000_000L);
            Thread.sleep(5);
        }
    }

    /** Waits in real time (generously: the machine is loaded) while stepped time moves 10 ms per 2 ms. */
    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            clock.advanceNanos(10_000_000L);
            Thread.sleep(2);
        }
    }

    /** Waits in real time with stepped time standing still (the delivery window does not run meanwhile). */
    private static void awaitStill(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static Recorder.Options recorder(MqttSettings mqtt, Path out, long sessionExpirySeconds) {
        return new Recorder.Options(mqtt, out, null, "window-recorder", 16 << 20, sessionExpirySeconds);
    }

    private static void assertAllAccountedFor(PublisherStats p, RecorderStats r) {
        assertEquals(0, r.missing(), "no gap left open: " + r);
        assertEquals(p.framesEnqueued() + p.framesDropped(), r.framesWritten() + r.unavailable() + r.droppedAtSource(),
                "every frame stored or declared: " + r + " / " + p);
    }

    @Test
    void framesDroppedFromAFullSpoolAreDeclaredSoTheRecorderStopsAskingForThem() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            broker.stopProcess();
            TelemetryPublisher pub = TelemetryPublisher.start(
                    PublisherConfig.defaults("full", mqtt, tmp.resolve("spool")).withSpoolMaxBytes(1 << 20),
                    SyntheticFrames.layout(), "s1", clock);
            stream(pub, 60, 500);
            assertTrue(pub.stats().messagesSpoolDropped() > 0, "the 1 MiB spool overflowed");
            broker.startProcess();
            Recorder rec = Recorder.start(recorder(mqtt, tmp.resolve("data"), 3600), null);
            try {
                await(() -> rec.stats().framesWritten() + rec.stats().unavailable() + rec.stats().droppedAtSource()
                        >= pub.stats().framesEnqueued() + pub.stats().framesDropped() && rec.stats().missing() == 0,
                        "the recorder has or was told about every frame");
                assertTrue(rec.stats().unavailable() > 0);
                long gapResends = pub.stats().gapResends();
                // Ten seconds of the robot's time: a gap still open would be resent every 3 s.
                for (int i = 0; i < 200; i++) {
                    clock.advanceNanos(50_000_000L);
                    Thread.sleep(5);
                }
                assertEquals(gapResends, pub.stats().gapResends(), "no resends of a gap nobody can fill");
                assertAllAccountedFor(pub.stats(), rec.stats());
            } finally {
                pub.close(0);
                rec.close();
            }
        }
    }

    @Test
    void aRecorderThatJoinsLateConfirmsAndEndToEndDeliveryIsOn() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("late", mqtt, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s1", clock);
            assertTrue(pub.awaitConnected(10_000));
            stream(pub, 60, 20); // 3 s of the robot's time with nobody recording
            Recorder rec = Recorder.start(recorder(mqtt, tmp.resolve("data"), 3600), null);
            try {
                assertTrue(rec.awaitConnected(10_000));
                stream(pub, 20, 20);
                await(() -> pub.stats().recorderConfirming(), "the late recorder to count as a confirming recorder");
                stream(pub, 20, 20);
                await(() -> rec.stats().framesWritten() + rec.stats().unavailable() >= pub.stats().framesEnqueued()
                        && rec.stats().missing() == 0, "the recorder has or was told about every frame");
                assertTrue(rec.stats().unavailable() > 0, "frames from before it joined are declared, not missing");
                assertAllAccountedFor(pub.stats(), rec.stats());
            } finally {
                pub.close(0);
                rec.close();
            }
        }
    }

    @Test
    void aBatchIsKeptThirtySecondsForARecorderThenGivenUpAndDeclared() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp)) {
            MqttSettings mqtt = MqttSettings.of(broker.url());
            // Session expiry 0: the broker queues nothing while the recorder is away.
            Recorder first = Recorder.start(recorder(mqtt, tmp.resolve("data"), 0), null);
            assertTrue(first.awaitConnected(10_000));
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("win", mqtt, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s1", clock);
            try {
                await(() -> pub.stats().connected(), "the publisher connects");
                stream(pub, 1, 20);
                awaitStill(() -> pub.stats().recorderConfirming(), "the recorder confirms");
                stream(pub, 19, 20);
                awaitStill(() -> pub.stats().resendFloor() == 400, "all 400 confirmed");
                first.close();
                stream(pub, 20, 20); // 400 frames the broker takes and nobody stores
                awaitStill(() -> pub.stats().messagesSpooled() == 0, "the broker acknowledged them");
                for (int s = 0; s < 25; s++) {
                    clock.advanceSeconds(1);
                    Thread.sleep(20);
                }
                assertEquals(0, pub.stats().framesGivenUp(), "within the window the robot keeps them");
                clock.advanceSeconds(6);
                await(() -> pub.stats().framesGivenUp() == 400, "past the window they are given up");
                assertEquals(800, pub.stats().resendFloor());
                Recorder second = Recorder.start(recorder(mqtt, tmp.resolve("data"), 0), null);
                try {
                    assertTrue(second.awaitConnected(10_000));
                    stream(pub, 4, 20);
                    await(() -> second.stats().framesWritten() == 80 && second.stats().missing() == 0,
                            "the next batch declares them");
                    assertEquals(400, second.stats().unavailable());
                } finally {
                    second.close();
                }
            } finally {
                pub.close(0);
            }
        }
    }
}
