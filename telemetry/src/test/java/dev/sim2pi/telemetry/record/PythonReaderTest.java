package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python reader stored with every dataset ({@code sim2pi_dataset.py}, NumPy only) reads what
 * the recorder wrote: it checks CRCs (a damaged record in the middle is skipped and counted, the
 * records after it kept), skips a torn tail, orders frames by sequence and drops duplicates.
 * Runs the real {@code python3}; skipped with the reason when it or NumPy is missing.
 */
class PythonReaderTest {

    @TempDir
    Path tmp;

    private static Frame frame(long seq) {
        return Frame.newBuilder().setSequence(seq).setTimestampNanos(1_000_000_000L + seq * 5_000_000L)
                .addSensors(seq * 0.5f).addSensors(-seq).addObservation(seq + 0.25f).addCommand(0.1f * seq)
                .addStageNanos(1000 + seq).addStageNanos(-7).setSafetyFlags((int) (seq % 4)).setStartLatenessNanos(seq * 3)
                .build();
    }

    @Test
    void pythonReadsTheDatasetCheckingCrcsInSequenceOrder() throws Exception {
        assumeTrue(python("import numpy") == 0, "python3 with NumPy not available here (the reader needs both)");
        Path ds = tmp.resolve("robot-1").resolve("s1");
        // Frames arrive out of order (a resend after a gap), with one duplicate.
        long[] order = {0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11};
        List<Long> offsets = new ArrayList<>();
        try (DatasetWriter w = new DatasetWriter(ds)) {
            w.announce(SyntheticFrames.layout().announce("robot-1", "s1", 1_700_000_000_000L, 1_000_000_000L));
            for (long seq : order) {
                offsets.add(Files.size(ds.resolve(DatasetWriter.FRAMES)));
                byte[] b = frame(seq).toByteArray();
                w.write(seq, b, 0, b.length);
                w.force();
            }
        }
        // A duplicate record, as when several recorders' outputs are copied together.
        try (FileChannel ch = FileChannel.open(ds.resolve(DatasetWriter.FRAMES), StandardOpenOption.APPEND)) {
            byte[] b = frame(4).toByteArray();
            FramedLog.append(ch, ByteBuffer.allocate(FramedLog.RECORD_HEADER_BYTES), new java.util.zip.CRC32C(), b, 0, b.length);
        }
        // Damage the payload of the record of sequence 7 (the fifth written), then a torn tail.
        try (FileChannel ch = FileChannel.open(ds.resolve(DatasetWriter.FRAMES), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xEE}), offsets.get(4) + FramedLog.RECORD_HEADER_BYTES + 3);
            ch.write(ByteBuffer.wrap(new byte[] {40, 0, 0, 0, 1, 2, 3, 4, 9, 9}), ch.size());
        }
        assertTrue(Files.exists(ds.resolve(DatasetSchema.PROTO)), "the schema is stored with the dataset");

        String script = "import json, sys; sys.path.insert(0, sys.argv[1]); from sim2pi_dataset import read_dataset; "
                + "d = read_dataset(sys.argv[1]); s = d.summary(); "
                + "s.update(seq=[int(x) for x in d.sequence], obs=d.observation[:, 0].tolist(), "
                + "sensor1=d.sensors[:, 1].tolist(), stage1=d.stage_nanos[:, 1].tolist(), flags=d.safety_flags.tolist(), "
                + "t=d.t_seconds.tolist(), names=d.names['sensors']); print(json.dumps(s))";
        Path out = tmp.resolve("out.json");
        assertEquals(0, python(script, ds.toString(), out), () -> read(out));
        JsonNode s = new ObjectMapper().readTree(read(out));
        List<Long> expected = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L, 10L, 11L);
        List<Long> seq = new ArrayList<>();
        s.get("seq").forEach(n -> seq.add(n.asLong()));
        assertEquals(expected, seq, "ordered by sequence, the damaged record's frame (7) left out");
        assertEquals(1, s.get("bad_records").asInt());
        assertTrue(s.get("torn").asBoolean());
        assertEquals(1, s.get("duplicates").asInt());
        assertEquals(1, s.get("missing").asInt());
        for (int i = 0; i < expected.size(); i++) {
            long q = expected.get(i);
            assertEquals(q + 0.25, s.get("obs").get(i).asDouble(), 1e-6);
            assertEquals(-q, s.get("sensor1").get(i).asDouble(), 1e-6);
            assertEquals(-7, s.get("stage1").get(i).asLong(), "negative int64 decoded");
            assertEquals(q % 4, s.get("flags").get(i).asLong());
            assertEquals(q * 0.005, s.get("t").get(i).asDouble(), 1e-9);
        }
        assertEquals(SyntheticFrames.layout().sensors().names(), toList(s.get("names")));
        assertEquals("robot-1", s.get("robot").asText());
    }

    private static List<String> toList(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static int python(String code) throws Exception {
        return python(code, null, null);
    }

    private static int python(String code, String arg, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", code));
        if (arg != null) {
            cmd.add(arg);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            return -1;
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -2;
        }
        return p.exitValue();
    }
}
