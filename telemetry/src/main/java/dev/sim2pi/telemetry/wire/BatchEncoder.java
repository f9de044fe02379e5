package dev.sim2pi.telemetry.wire;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes {@code TelemetryBatch} messages of {@code sim2pi_telemetry.proto} from primitive frame
 * columns without building message objects: the sender thread encodes straight from the ring.
 * Field numbers here must match the .proto; {@code BatchEncoderTest} parses the output with the
 * generated classes to hold them together.
 */
public final class BatchEncoder {

    private static final int BATCH_SCHEMA = 1;
    private static final int BATCH_ROBOT = 2;
    private static final int BATCH_SESSION = 3;
    private static final int BATCH_POLICY = 4;
    private static final int BATCH_FRAMES = 5;
    private static final int BATCH_DROPPED = 6;
    private static final int BATCH_FIRST_SEQUENCE = 7;
    private static final int BATCH_RESEND_FLOOR = 8;
    private static final int F_TIMESTAMP = 1;
    private static final int F_SEQUENCE = 2;
    private static final int F_SENSORS = 3;
    private static final int F_OBSERVATION = 4;
    private static final int F_POLICY_OUTPUT = 5;
    private static final int F_COMMAND = 6;
    private static final int F_SAFETY = 7;
    private static final int F_STAGES = 8;
    private static final int F_LATENESS = 9;

    /** Column view of frames to encode; implemented over the publisher's ring. */
    public interface Frames {
        int sensorCount();

        int observationCount();

        int actionCount();

        int stageCount();

        long timestampNanos(int slot);

        long sequence(int slot);

        float sensor(int slot, int i);

        float observation(int slot, int i);

        float policyOutput(int slot, int i);

        float command(int slot, int i);

        int safetyFlags(int slot);

        long stageNanos(int slot, int i);

        long startLatenessNanos(int slot);
    }

    private byte[] buffer = new byte[64 * 1024];

    /** The bytes of the last {@link #encode} (valid up to the returned length). */
    public byte[] buffer() {
        return buffer;
    }

    /** Encodes one batch of the frames in {@code slots[0..count)}; returns its length in {@link #buffer()}. */
    public int encode(String robotId, String sessionId, String policyId, long droppedTotal, long firstSequence,
                      Frames frames, int[] slots, int count) {
        return encode(robotId, sessionId, policyId, droppedTotal, firstSequence, 0, frames, slots, count);
    }

    /**
     * As {@link #encode(String, String, String, long, long, Frames, int[], int)}, declaring that the
     * publisher no longer holds frames below {@code resendFloor}.
     */
    public int encode(String robotId, String sessionId, String policyId, long droppedTotal, long firstSequence,
                      long resendFloor, Frames frames, int[] slots, int count) {
        int size = CodedOutputStream.computeUInt32Size(BATCH_SCHEMA, WireSchema.VERSION)
                + CodedOutputStream.computeStringSize(BATCH_ROBOT, robotId)
                + CodedOutputStream.computeStringSize(BATCH_SESSION, sessionId)
                + (policyId.isEmpty() ? 0 : CodedOutputStream.computeStringSize(BATCH_POLICY, policyId))
                + (droppedTotal == 0 ? 0 : CodedOutputStream.computeUInt64Size(BATCH_DROPPED, droppedTotal))
                + (firstSequence == 0 ? 0 : CodedOutputStream.computeUInt64Size(BATCH_FIRST_SEQUENCE, firstSequence))
                + (resendFloor == 0 ? 0 : CodedOutputStream.computeUInt64Size(BATCH_RESEND_FLOOR, resendFloor));
        for (int k = 0; k < count; k++) {
            int frameSize = frameSize(frames, slots[k]);
            size += CodedOutputStream.computeTagSize(BATCH_FRAMES) + CodedOutputStream.computeUInt32SizeNoTag(frameSize)
                    + frameSize;
        }
        if (buffer.length < size) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
        }
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, size);
        try {
            out.writeUInt32(BATCH_SCHEMA, WireSchema.VERSION);
            out.writeString(BATCH_ROBOT, robotId);
            out.writeString(BATCH_SESSION, sessionId);
            if (!policyId.isEmpty()) {
                out.writeString(BATCH_POLICY, policyId);
            }
            for (int k = 0; k < count; k++) {
                int slot = slots[k];
                out.writeTag(BATCH_FRAMES, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(frameSize(frames, slot));
                writeFrame(out, frames, slot);
            }
            if (droppedTotal != 0) {
                out.writeUInt64(BATCH_DROPPED, droppedTotal);
            }
            if (firstSequence != 0) {
                out.writeUInt64(BATCH_FIRST_SEQUENCE, firstSequence);
            }
            if (resendFloor != 0) {
                out.writeUInt64(BATCH_RESEND_FLOOR, resendFloor);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("batch size was miscomputed", e);
        }
        return size;
    }

    private static int frameSize(Frames f, int slot) {
        int stagesBytes = 0;
        for (int i = 0; i < f.stageCount(); i++) {
            stagesBytes += CodedOutputStream.computeInt64SizeNoTag(f.stageNanos(slot, i));
        }
        // Zero scalars are left out, as proto3 encoders do.
        return int64Size(F_TIMESTAMP, f.timestampNanos(slot))
                + int64Size(F_SEQUENCE, f.sequence(slot))
                + packedSize(F_SENSORS, 4 * f.sensorCount())
                + packedSize(F_OBSERVATION, 4 * f.observationCount())
                + packedSize(F_POLICY_OUTPUT, 4 * f.actionCount())
                + packedSize(F_COMMAND, 4 * f.actionCount())
                + (f.safetyFlags(slot) == 0 ? 0 : CodedOutputStream.computeUInt32Size(F_SAFETY, f.safetyFlags(slot)))
                + packedSize(F_STAGES, stagesBytes)
                + int64Size(F_LATENESS, f.startLatenessNanos(slot));
    }

    private static int int64Size(int field, long v) {
        return v == 0 ? 0 : CodedOutputStream.computeInt64Size(field, v);
    }

    private static void writeInt64(CodedOutputStream out, int field, long v) throws IOException {
        if (v != 0) {
            out.writeInt64(field, v);
        }
    }

    private static int packedSize(int field, int bytes) {
        return bytes == 0 ? 0
                : CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(bytes) + bytes;
    }

    private static void writeFrame(CodedOutputStream out, Frames f, int slot) throws IOException {
        writeInt64(out, F_TIMESTAMP, f.timestampNanos(slot));
        writeInt64(out, F_SEQUENCE, f.sequence(slot));
        if (f.sensorCount() > 0) {
            packedHeader(out, F_SENSORS, 4 * f.sensorCount());
            for (int i = 0; i < f.sensorCount(); i++) {
                out.writeFloatNoTag(f.sensor(slot, i));
            }
        }
        if (f.observationCount() > 0) {
            packedHeader(out, F_OBSERVATION, 4 * f.observationCount());
            for (int i = 0; i < f.observationCount(); i++) {
                out.writeFloatNoTag(f.observation(slot, i));
            }
        }
        if (f.actionCount() > 0) {
            packedHeader(out, F_POLICY_OUTPUT, 4 * f.actionCount());
            for (int i = 0; i < f.actionCount(); i++) {
                out.writeFloatNoTag(f.policyOutput(slot, i));
            }
            packedHeader(out, F_COMMAND, 4 * f.actionCount());
            for (int i = 0; i < f.actionCount(); i++) {
                out.writeFloatNoTag(f.command(slot, i));
            }
        }
        if (f.safetyFlags(slot) != 0) {
            out.writeUInt32(F_SAFETY, f.safetyFlags(slot));
        }
        if (f.stageCount() > 0) {
            int bytes = 0;
            for (int i = 0; i < f.stageCount(); i++) {
                bytes += CodedOutputStream.computeInt64SizeNoTag(f.stageNanos(slot, i));
            }
            packedHeader(out, F_STAGES, bytes);
            for (int i = 0; i < f.stageCount(); i++) {
                out.writeInt64NoTag(f.stageNanos(slot, i));
            }
        }
        writeInt64(out, F_LATENESS, f.startLatenessNanos(slot));
    }

    private static void packedHeader(CodedOutputStream out, int field, int bytes) throws IOException {
        out.writeTag(field, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(bytes);
    }
}
