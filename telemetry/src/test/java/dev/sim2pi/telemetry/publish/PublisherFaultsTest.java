package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.telemetry.MqttSettings;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender thread meets a full disk and a bug: it counts them and carries on, frames the disk
 * refused wait in the ring instead of vanishing, and close() returns even if the disk stays full.
 * No broker: nothing listens on the port, so everything stays in the spool where it can be seen.
 */
class PublisherFaultsTest {

    @TempDir
    Path tmp;

    private static final MqttSettings NOWHERE = MqttSettings.of("tcp://127.0.0.1:1");

    private static void frames(TelemetryPublisher p, int n) {
        double[] s = new double[6];
        for (int i = 0; i < n; i++) {
            p.frame().begin(i);
            p.frame().sensors(s, 0).commit();
        }
    }

    private static void await(BooleanSupplier condition, SteppedClock clock, String what) throws InterruptedException {
        // Generous: the machine is loaded; the sender parks at most 50 ms of real time per pass.
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            clock.advanceNanos(10_000_000L);
            Thread.sleep(2);
        }
    }

    @Test
    void aFullDiskAndABugAreCountedAndTelemetryResumesWithNothingLostSilently() throws Exception {
        SteppedClock clock = new SteppedClock();
        DiskFull disk = new DiskFull();
        TelemetryPublisher p = TelemetryPublisher.start(PublisherConfig.defaults("r1", NOWHERE, tmp),
                SyntheticFrames.layout(), "s1", clock, disk);
        try {
            await(() -> p.stats().messagesSpooled() >= 1, clock, "the announcement spooled");
            disk.full = true;
            frames(p, 100);
            await(() -> disk.refusals >= 3, clock, "the disk refused several times");
            assertTrue(p.stats().senderRunning(), "the sender survives a full disk");
            assertTrue(p.stats().senderFaults() >= 3);
            assertTrue(p.stats().lastFault().contains("No space left on device"));
            disk.once = new IllegalStateException("a bug");
            disk.full = false;
            await(() -> p.stats().messagesSpooled() >= 2, clock, "the refused frames spooled once there is room");
            frames(p, 100);
            await(() -> p.stats().messagesSpooled() >= 3, clock, "later frames spooled too");
            assertTrue(p.stats().senderRunning(), "and a runtime exception");
            assertTrue(p.stats().lastFault().contains("a bug"));
        } finally {
            p.close(0);
        }
        assertEquals(200, p.stats().framesEnqueued());
        assertEquals(0, p.stats().framesDropped());
        assertEquals(0, p.stats().framesUnsent());
        try (Spool s = new Spool(tmp, 64L << 20)) {
            assertEquals(3, s.size(), "announcement and two batches wait in the spool for the next run");
        }
    }

    @Test
    void closeReturnsWhenTheDiskStaysFullAndCountsWhatItCouldNotSpool() throws Exception {
        SteppedClock clock = new SteppedClock();
        DiskFull disk = new DiskFull();
        disk.full = true;
        TelemetryPublisher p = TelemetryPublisher.start(PublisherConfig.defaults("r1", NOWHERE, tmp),
                SyntheticFrames.layout(), "s1", clock, disk);
        frames(p, 50);
        await(() -> disk.refusals >= 2, clock, "the disk refused");
        p.close(0);
        assertFalse(p.stats().senderRunning(), "close() returned and the sender ended");
        assertEquals(50, p.stats().framesUnsent(), "counted, not silently gone");
    }
}
