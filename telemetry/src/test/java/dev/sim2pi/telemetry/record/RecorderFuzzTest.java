package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.telemetry.HostileMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input straight into the recorder's message handling (no broker: fast and, with its
 * seed, the same every run): every message is stored or refused and counted, nothing throws,
 * and what the recorder holds stays within its caps. 100,000 messages by default;
 * {@code -Dsim2pi.fuzz.messages=1000000} for the full million.
 */
class RecorderFuzzTest {

    @TempDir
    Path tmp;

    @Test
    void everyHostileMessageIsStoredOrRefusedAndCountedAndNothingGrowsWithoutBound() throws Exception {
        int n = HostileMessages.count();
        int maxBytes = 64 * 1024;
        HostileMessages messages = new HostileMessages(42, maxBytes);
        DatasetRouter.Limits limits = new DatasetRouter.Limits(16, 60_000_000_000L, 32, 1000);
        Path out = Files.createDirectories(tmp.resolve("out"));
        DatasetRouter router = new DatasetRouter(out, maxBytes, (robot, seq, ts) -> { }, LogAppender.DIRECT, limits,
                new SteppedClock());
        long mustReject = 0;
        for (int i = 0; i < n; i++) {
            HostileMessages.Message m = messages.next();
            long before = refused(router.stats(true));
            router.handle(m.topic(), m.payload());
            long after = refused(router.stats(true));
            if (m.mustReject()) {
                mustReject++;
                assertEquals(before + 1, after, "message " + i + " on " + m.topic() + " must be refused and counted");
            }
            assertTrue(router.openCount() <= limits.maxOpenDatasets());
        }
        RecorderStats s = router.stats(true);
        router.close();
        assertTrue(refused(s) >= mustReject, s.toString());
        assertTrue(s.framesWritten() > 0, "the valid-looking part was stored: " + s);
        assertTrue(s.robots() <= limits.maxRobots());
        try (Stream<Path> files = Files.walk(tmp)) {
            assertTrue(files.allMatch(p -> p.normalize().startsWith(out) || p.equals(tmp)), "nothing outside the folder");
        }
    }

    private static long refused(RecorderStats s) {
        return s.malformed() + s.oversized();
    }
}
