package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                s.append(msg(i, 10), 10, i, i);
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
                s.append(msg(i, 10), 10, 100L * i, 100L * i + 99);
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

    @Test
    void aSegmentShorterThanItsHeaderDoesNotStopTheSpoolFromOpening() throws Exception {
        // A crash right after a segment was created: 3 bytes of its magic reached the disk.
        java.nio.file.Files.write(tmp.resolve("spool-0000000000000001.seg"), new byte[] {'S', '2', 'P'});
        java.nio.file.Files.write(tmp.resolve("spool-0000000000000002.seg"), new byte[0]);
        java.nio.file.Files.write(tmp.resolve("spool-0000000000000003.seg"), "not a spool at all".getBytes());
        try (Spool s = new Spool(tmp, 1 << 20)) {
            assertEquals(0, s.size());
            assertEquals(1, s.corruptSegments(), "the foreign file is counted and moved aside");
            s.append(msg(1, 10), 10);
            assertArrayEquals(msg(1, 10), s.read(s.nextUnsent()));
        }
        assertTrue(java.nio.file.Files.exists(tmp.resolve("spool-0000000000000003.seg.corrupt")));
    }

    @Test
    void batchesTheBrokerAcknowledgedButNoRecorderConfirmedAreSentAgainAfterARestart() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                s.append(msg(i, 10), 10, 10L * i, 10L * i + 9);
            }
            for (int i = 0; i < 4; i++) {
                s.ack(s.nextUnsent(), 0);
            }
            s.confirm(9); // a recorder stored batch 0 only
            assertEquals(0, s.size(), "the broker has them all");
        }
        try (Spool s = new Spool(tmp, 1 << 20)) {
            assertEquals(3, s.size(), "batches 1..3 were never confirmed: resent");
            assertArrayEquals(msg(1, 10), s.read(s.nextUnsent()));
        }
    }

    @Test
    void batchesDroppedFromAFullSpoolOrGivenUpRaiseTheResendFloor() throws Exception {
        try (Spool s = new Spool(tmp, 1 << 20)) {
            for (int i = 0; i < 400; i++) {
                s.append(msg(i, 8000), 8000, 10L * i, 10L * i + 9);
            }
            long dropped = s.droppedMessages();
            assertTrue(dropped > 0);
            assertEquals(10 * dropped, s.resendFloor(), "the first frame still held follows the dropped batches");
            assertEquals(10 * dropped, s.givenUpFrames());
            Spool.Entry first = s.nextUnsent();
            s.ack(first, 0);
            s.expire(2000, 1000); // past the delivery window, unconfirmed
            assertEquals(10 * dropped + 10, s.resendFloor());
            s.confirm(10 * dropped + 100); // confirmations raise it too, but give up nothing
            assertEquals(10 * dropped + 10, s.givenUpFrames());
        }
    }

    @Test
    void aFullDiskLeavesTheSpoolAsItWasAndItWorksAgainOnceThereIsRoom() throws Exception {
        DiskFull disk = new DiskFull();
        try (Spool s = new Spool(tmp, 1 << 20, disk)) {
            s.append(msg(1, 100), 100, 0, 9);
            disk.full = true;
            assertThrows(java.io.IOException.class, () -> s.append(msg(2, 100), 100, 10, 19));
            assertEquals(1, s.size(), "the refused message is not in the spool");
            disk.full = false;
            s.append(msg(3, 100), 100, 10, 19);
            assertArrayEquals(msg(1, 100), s.read(s.nextUnsent()));
            assertArrayEquals(msg(3, 100), s.read(s.nextUnsent()), "follows the last good record, not the torn one");
        }
        try (Spool s = new Spool(tmp, 1 << 20)) {
            assertEquals(2, s.size(), "nothing torn on disk either");
        }
    }
}
