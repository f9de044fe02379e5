package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornRecordTest {

    @TempDir
    Path tmp;

    private static byte[] frame(long seq) {
        return Frame.newBuilder().setSequence(seq).setTimestampNanos(seq * 5).addSensors(seq).build().toByteArray();
    }

    @Test
    void tornFinalRecordIsSkippedAndEverythingBeforeStaysReadable() throws Exception {
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            for (long i = 0; i < 100; i++) {
                byte[] b = frame(i);
                w.write(i, b, 0, b.length);
            }
        }
        // A crash in the middle of the 101st record: header and part of the payload reach the disk.
        try (FileChannel ch = FileChannel.open(tmp.resolve(DatasetWriter.FRAMES), StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {50, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9}));
        }
        DatasetReader reader = new DatasetReader(tmp);
        List<Frame> frames = new java.util.ArrayList<>();
        FramedLog.ScanResult scan = reader.frames(frames::add);
        assertTrue(scan.torn());
        assertEquals(100, frames.size());
        assertEquals(99, frames.get(99).getSequence());
    }

    @Test
    void corruptedPayloadStopsReadingAtTheLastGoodRecord() throws Exception {
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            for (long i = 0; i < 10; i++) {
                byte[] b = frame(i);
                w.write(i, b, 0, b.length);
            }
        }
        try (FileChannel ch = FileChannel.open(tmp.resolve(DatasetWriter.FRAMES), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x7f}), ch.size() - 2);
        }
        List<Frame> frames = new DatasetReader(tmp).readAll();
        assertEquals(9, frames.size());
    }

    @Test
    void reopenedDatasetCutsTheTornTailAndStillDeduplicates() throws Exception {
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            for (long i = 0; i < 10; i++) {
                byte[] b = frame(i);
                w.write(i, b, 0, b.length);
            }
        }
        try (FileChannel ch = FileChannel.open(tmp.resolve(DatasetWriter.FRAMES), StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        }
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            byte[] dup = frame(5);
            assertFalse(w.write(5, dup, 0, dup.length), "sequence 5 was written before the restart");
            byte[] b = frame(10);
            assertTrue(w.write(10, b, 0, b.length));
        }
        FramedLog.ScanResult scan = new DatasetReader(tmp).frames(f -> { });
        assertFalse(scan.torn());
        assertEquals(11, scan.records());
    }
}
