package dev.sim2pi.telemetry;

import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Channel;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.Layout;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import dev.sim2pi.telemetry.wire.proto.Status;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded stream of what a hostile or broken client can put on the telemetry topics: valid
 * messages with bytes flipped, truncated, oversized, of another schema version, with ids that
 * climb out of folders, with sizes meant to make the receiver allocate, and plain garbage.
 * Each message says whether a correct receiver must refuse it ({@link Message#mustReject}); a
 * flipped or truncated message may still decode, so those may go either way but must be counted.
 */
public final class HostileMessages {

    /** One message, and whether it is certainly invalid. */
    public record Message(String topic, byte[] payload, boolean mustReject) {
    }

    private final SplittableRandom random;
    private final int maxBytes;
    private final byte[] oversized;
    private final byte[][] valid;
    private final String[] validTopics;

    /** @param maxBytes the receiver's message size limit; oversized messages are one byte above it */
    public HostileMessages(long seed, int maxBytes) {
        this.random = new SplittableRandom(seed);
        this.maxBytes = maxBytes;
        this.oversized = new byte[maxBytes + 1];
        random.nextBytes(oversized);
        valid = new byte[][] {batch("r1", "s1", 0, 3).toByteArray(), batch("r2", "s2", 100, 2).toByteArray(),
            announcement("r1", "s1").toByteArray(), status("r1").toByteArray(), event("r2").toByteArray()};
        validTopics = new String[] {Topics.telemetry("r1"), Topics.telemetry("r2"), Topics.session("r1"),
            Topics.status("r1"), Topics.events("r2")};
    }

    static TelemetryBatch batch(String robot, String session, long from, int frames) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot)
                .setSessionId(session).setFirstSequence(from).setResendFloor(from);
        for (int i = 0; i < frames; i++) {
            b.addFrames(Frame.newBuilder().setSequence(from + i).setTimestampNanos((from + i) * 1000)
                    .addSensors(1f).addSensors(2f).addObservation(3f).addCommand(0.5f).setStartLatenessNanos(1500));
        }
        return b.build();
    }

    static SessionAnnouncement announcement(String robot, String session) {
        Layout one = Layout.newBuilder().addChannels(Channel.newBuilder().setName("a").setUnit("m")).build();
        return SessionAnnouncement.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot)
                .setSessionId(session).setTaskId("pendulum").setTaskVersion(1).setSensors(one).setObservation(one)
                .setActions(one).build();
    }

    static Status status(String robot) {
        return Status.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot).setState(Status.State.ONLINE)
                .build();
    }

    static Event event(String robot) {
        return Event.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot).setKind("k").setMessage("m")
                .build();
    }

    /** Messages a fuzz test sends: {@code -Dsim2pi.fuzz.messages=1000000} for the full run (default 100,000). */
    public static int count() {
        return Integer.getInteger("sim2pi.fuzz.messages", 100_000);
    }

    /** The next message. */
    public Message next() {
        int kind = random.nextInt(100);
        int pick = random.nextInt(valid.length);
        byte[] base = valid[pick];
        String topic = validTopics[pick];
        if (kind < 35) {
            byte[] m = base.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                m[random.nextInt(m.length)] ^= (byte) (1 + random.nextInt(255));
            }
            return new Message(topic, m, false);
        }
        if (kind < 55) {
            return new Message(topic, Arrays.copyOf(base, random.nextInt(base.length)), false);
        }
        if (kind < 57) {
            return new Message(topic, oversized, true);
        }
        if (kind < 67) {
            return new Message(topic, wrongSchema(pick), true);
        }
        if (kind < 75) {
            String bad = new String[] {"..", "../x", "a/b", "x..y", ".hidden", "a\\b", "", "a b"}[random.nextInt(8)];
            boolean inTopic = random.nextBoolean() && !bad.isEmpty() && !bad.contains("/");
            String robot = inTopic ? bad : "r1";
            String session = inTopic ? "s1" : bad;
            return new Message(Topics.telemetry(robot), batch(robot, session, 0, 1).toByteArray(), true);
        }
        if (kind < 80) {
            // Many channels: a receiver that sizes buffers from this allocates without bound.
            Frame.Builder f = Frame.newBuilder().setSequence(1);
            int n = 300 + random.nextInt(Math.max(1, Math.min(maxBytes / 8, 2000)));
            for (int i = 0; i < n; i++) {
                f.addSensors(i);
            }
            byte[] m = TelemetryBatch.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId("r1").setSessionId("s1")
                    .setFirstSequence(1).addFrames(f).build().toByteArray();
            return new Message(Topics.telemetry("r1"), m, false);
        }
        if (kind < 85) {
            // Declared ranges beyond the frames they come with.
            TelemetryBatch b = batch("r1", "s1", 10, 1).toBuilder().setResendFloor(1L << 62).build();
            return new Message(Topics.telemetry("r1"), b.toByteArray(), true);
        }
        if (kind < 88) {
            String t = new String[] {"sim2pi", "sim2pi/", "other/r1/telemetry", "sim2pi//telemetry"}[random.nextInt(4)];
            return new Message(t, base, true);
        }
        byte[] garbage = new byte[1 + random.nextInt(64)];
        random.nextBytes(garbage);
        garbage[0] = (byte) 0xff; // field 31, wire type 7: never valid protobuf
        return new Message(topic, garbage, true);
    }

    private byte[] wrongSchema(int pick) {
        int version = WireSchema.VERSION + 1 + random.nextInt(1000);
        try {
            return switch (pick) {
                case 0, 1 -> TelemetryBatch.parseFrom(valid[pick]).toBuilder().setSchemaVersion(version).build().toByteArray();
                case 2 -> SessionAnnouncement.parseFrom(valid[pick]).toBuilder().setSchemaVersion(version).build().toByteArray();
                case 3 -> Status.parseFrom(valid[pick]).toBuilder().setSchemaVersion(version).build().toByteArray();
                default -> Event.parseFrom(valid[pick]).toBuilder().setSchemaVersion(version).build().toByteArray();
            };
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
