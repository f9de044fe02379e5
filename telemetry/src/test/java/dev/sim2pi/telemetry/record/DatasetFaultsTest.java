package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.publish.DiskFull;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a full disk, a damaged file and hostile ids do to the recorder's datasets. */
class DatasetFaultsTest {

    @TempDir
    Path tmp;

    private static byte[] frame(long seq) {
        return Frame.newBuilder().setSequence(seq).setTimestampNanos(seq * 5).addSensors(seq).build().toByteArray();
    }

    static byte[] batch(String robot, String session, long firstSequence, long floor, long from, long to) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot)
                .setSessionId(session).setFirstSequence(firstSequence).setResendFloor(floor);
        for (long seq = from; seq < to; seq++) {
            b.addFrames(Frame.newBuilder().setSequence(seq).setTimestampNanos(seq * 1_000_000L));
        }
        return b.build().toByteArray();
    }

    @Test
    void aFrameTheFullDiskRefusedIsNotMarkedStoredSoItIsNeitherConfirmedNorRejectedLater() throws Exception {
        DiskFull disk = new DiskFull();
        try (DatasetWriter w = new DatasetWriter(tmp, disk)) {
            assertTrue(w.write(0, frame(0), 0, frame(0).length));
            disk.full = true;
            assertThrows(IOException.class, () -> w.write(1, frame(1), 0, frame(1).length));
            assertEquals(0, w.contiguousThrough(), "frame 1 is not confirmed");
            disk.full = false;
            assertTrue(w.write(1, frame(1), 0, frame(1).length), "the resent frame is stored, not taken for a duplicate");
            assertEquals(1, w.contiguousThrough());
        }
        List<Frame> frames = new DatasetReader(tmp).readAll();
        assertEquals(List.of(0L, 1L), frames.stream().map(Frame::getSequence).toList());
    }

    @Test
    void theRecorderCountsAFullDiskAsAStoreFailureNotAsMalformedInputAndConfirmsOnlyWhatItWrote() {
        DiskFull disk = new DiskFull();
        DatasetRouter r = new DatasetRouter(tmp, 1 << 20, (robot, seq, ts) -> { }, disk,
                DatasetRouter.Limits.defaults(), new SteppedClock());
        r.handle(Topics.telemetry("r1"), batch("r1", "s1", 0, 0, 0, 10));
        disk.full = true;
        r.handle(Topics.telemetry("r1"), batch("r1", "s1", 10, 0, 10, 20));
        RecorderStats s = r.stats(true);
        assertEquals(10, s.framesWritten());
        assertEquals(10, s.storeFailures());
        assertEquals(0, s.malformed());
        assertEquals(9, r.confirmations().get(0).contiguousThrough());
        disk.full = false;
        r.handle(Topics.telemetry("r1"), batch("r1", "s1", 10, 0, 10, 20));
        assertEquals(19, r.confirmations().get(0).contiguousThrough(), "the resent batch is stored");
        assertEquals(0, r.stats(true).duplicates());
        r.close();
    }

    @Test
    void reopeningADatasetKeepsEveryGoodRecordAfterADamagedOneAndCountsTheDamage() throws Exception {
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            for (long i = 0; i < 10; i++) {
                w.write(i, frame(i), 0, frame(i).length);
            }
        }
        // Damage the payload of the 4th record (the file is magic + records of header + payload).
        int recordBytes = 8 + frame(0).length;
        try (FileChannel ch = FileChannel.open(tmp.resolve(DatasetWriter.FRAMES), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x7f, 0x7f}), 8 + 3L * recordBytes + 9);
        }
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            assertEquals(1, w.corruptRecords());
            assertEquals(9, w.framesWritten(), "records 4..9 were kept");
            assertTrue(w.write(3, frame(3), 0, frame(3).length), "the damaged frame can be stored again");
            assertFalse(w.write(7, frame(7), 0, frame(7).length), "a frame after the damage is still known");
        }
        FramedLog.ScanResult scan = new DatasetReader(tmp).frames(f -> { });
        assertEquals(10, scan.records());
        assertEquals(1, scan.badRecords());
        assertFalse(scan.torn());
    }

    @Test
    void idsThatCouldLeaveTheDatasetsFolderAreRefusedAndCounted() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        DatasetRouter r = new DatasetRouter(out, 1 << 20, (robot, seq, ts) -> { });
        r.handle("sim2pi/../telemetry", batch("..", "s1", 0, 0, 0, 3));
        r.handle(Topics.telemetry("r1"), batch("r1", "..", 0, 0, 0, 3));
        r.handle(Topics.telemetry("r1"), batch("r1", "../../etc", 0, 0, 0, 3));
        r.handle(Topics.telemetry("r1"), batch("r1", "a/b", 0, 0, 0, 3));
        r.handle(Topics.telemetry("r1"), batch("r1", "x..y", 0, 0, 0, 3));
        r.handle("sim2pi/a\\b/telemetry", batch("a\\b", "s1", 0, 0, 0, 3));
        RecorderStats s = r.stats(true);
        assertEquals(6, s.malformed());
        assertEquals(0, s.framesWritten());
        try (var files = Files.walk(tmp)) {
            assertEquals(List.of(tmp, out), files.toList(), "nothing written anywhere");
        }
        r.close();
    }

    @Test
    void aLateRecorderSettlesWhatThePublisherNoLongerHoldsAndReportsNoGap() {
        DatasetRouter r = new DatasetRouter(tmp, 1 << 20, (robot, seq, ts) -> { });
        // Joins at frame 500; the publisher still holds frames from 480 on.
        r.handle(Topics.telemetry("r1"), batch("r1", "s1", 500, 480, 500, 510));
        DatasetRouter.Confirmation c = r.confirmations().get(0);
        assertEquals(479, c.contiguousThrough(), "below the floor is settled; 480..499 may still come");
        r.handle(Topics.telemetry("r1"), batch("r1", "s1", 480, 480, 480, 500));
        c = r.confirmations().get(0);
        assertEquals(509, c.contiguousThrough());
        assertEquals(c.highestWritten(), c.contiguousThrough(), "no gap reported");
        RecorderStats s = r.stats(true);
        assertEquals(480, s.unavailable());
        assertEquals(0, s.missing());
        r.close();
    }

    @Test
    void openDatasetsAreBoundedAndIdleOnesAreClosedAndReopenedOnDemand() {
        SteppedClock clock = new SteppedClock();
        DatasetRouter r = new DatasetRouter(tmp, 1 << 20, (robot, seq, ts) -> { }, LogAppender.DIRECT,
                new DatasetRouter.Limits(4, 60_000_000_000L, 8, 100), clock);
        for (int i = 0; i < 10; i++) {
            r.handle(Topics.telemetry("r" + i), batch("r" + i, "s", 0, 0, 0, 5));
        }
        assertEquals(4, r.openCount());
        clock.advanceSeconds(61);
        assertEquals(4, r.closeIdle());
        assertEquals(0, r.openCount());
        r.handle(Topics.telemetry("r0"), batch("r0", "s", 0, 0, 0, 10));
        RecorderStats s = r.stats(true);
        assertEquals(5, s.duplicates(), "the reopened dataset still knows frames 0..4");
        assertEquals(55, s.framesWritten());
        assertEquals(10, s.datasets());
        r.close();
    }
}
