package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path tmp;

    private static byte[] msg(int i, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) i);
        b[0] = (byte) (i >> 8);
        return b;
    }

    @Test
    void reopenedSpoolResumesUnacknowledgedMessagesInOrder() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                s.append(msg(i, 100), 100);
            }
            s.ack(s.nextUnsent(), 0);
            s.ack(s.nextUnsent(), 0);
            s.nextUnsent(); // sent, never acknowledged
        }
        try (Spool s = new Spool(tmp, 1 << 20)) {
            assertEquals(8, s.size());
            for (int i = 2; i < 10; i++) {
                assertArrayEquals(msg(i, 100), s.read(s.nextUnsent()));
            }
        }
    }

    @Test
    void rewindResendsEverythingUnacknowledged() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                s.append(msg(i, 10), 10);
            }
            Spool.Entry a = s.nextUnsent();
            Spool.Entry b = s.nextUnsent();
            s.nextUnsent();
            s.ack(b, 0); // out of order: a still pending, so nothing leaves yet
            assertEquals(5, s.size());
            s.rewind();
            assertArrayEquals(msg(0, 10), s.read(s.nextUnsent()));
            assertArrayEquals(msg(1, 10), s.read(s.nextUnsent()), "b was acknowledged out of order: resent, harmless");
            assertArrayEquals(msg(2, 10), s.read(s.nextUnsent()));
            assertEquals(a.offset, 8);
        }
    }

    @Test
    void fullSpoolDropsOldestAndCounts() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 400; i++) {
                s.append(msg(i, 8000), 8000);
            }
            assertTrue(s.storedBytes() <= 1 << 20, "stays within budget: " + s.storedBytes());
            assertTrue(s.droppedMessages() > 0);
            assertEquals(400, s.size() + s.droppedMessages());
            // The newest message is still there, at the end.
            Spool.Entry last = null;
            while (s.hasUnsent()) {
                last = s.nextUnsent();
            }
            assertArrayEquals(msg(399, 8000), s.read(last));
        }
    }

    @Test
    void rewindReplaysMessagesAcknowledgedWithinTheHorizonButNotOlderOnes() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                s.append(msg(i, 10), 10, i);
            }
            s.ack(s.nextUnsent(), 0);     // acknowledged at t=0: beyond the horizon by t=5000
            s.ack(s.nextUnsent(), 4500);  // within the horizon at t=5000
            s.expire(5000, 1000);
            s.rewind();
            assertEquals(3, s.size());
            assertArrayEquals(msg(1, 10), s.read(s.nextUnsent()));
            assertArrayEquals(msg(2, 10), s.read(s.nextUnsent()));
        }
    }

    @Test
    void messagesConfirmedByARecorderAreNotReplayed() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                s.append(msg(i, 10), 10, 100L * i + 99);
            }
            for (int i = 0; i < 3; i++) {
                s.ack(s.nextUnsent(), 0);
            }
            s.confirm(199); // frames of batches 0 and 1 are stored
            s.rewind();
            assertEquals(2, s.size());
            assertArrayEquals(msg(2, 10), s.read(s.nextUnsent()));
        }
    }
}
