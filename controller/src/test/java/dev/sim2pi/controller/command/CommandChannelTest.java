package dev.sim2pi.controller.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.BundleArchive;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.bundle.Sha256;
import dev.sim2pi.models.bundle.TestActors;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.PolicyDeployment;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command channel against a real MQTT broker (embedded HiveMQ), with a recording sink. */
class CommandChannelTest {

    private static final long NOW_MILLIS = 1_780_000_000_000L;
    private static final AtomicInteger ROBOTS = new AtomicInteger();
    private static EmbeddedBroker broker;
    private static final KeyPair OPERATOR = Ed25519Keys.generate();
    private static final KeyPair STRANGER = Ed25519Keys.generate();

    @TempDir
    Path tmp;

    private final WallClock robotClock = new WallClock(NOW_MILLIS);
    private final WallClock operatorClock = new WallClock(NOW_MILLIS);
    private final RecordingSink sink = new RecordingSink();
    private String robot;
    private CommandChannel channel;
    private Operator operator;
    private CommandSigner signer;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0, null);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        robot = "robot-" + ROBOTS.incrementAndGet();
        CommandRules rules = CommandRules.of(robot, List.of(OPERATOR.getPublic())).withWallClock(robotClock)
                .withMaxMessageBytes(256 * 1024);
        channel = CommandChannel.start(MqttSettings.of(broker.url()), rules, sink);
        assertTrue(channel.awaitReady(20_000), "channel subscribed");
        operator = new Operator(broker.url(), robot);
        signer = new CommandSigner(OPERATOR.getPrivate(), OPERATOR.getPublic(), operatorClock, new SecureRandom(), "test");
    }

    @AfterEach
    void stop() throws Exception {
        operator.close();
        channel.close();
    }

    private static void assertRefused(String reason, CommandAck ack) {
        assertFalse(ack.getAccepted(), ack.getMessage());
        assertEquals(reason, ack.getReason(), ack.getMessage());
        assertFalse(ack.getMessage().isBlank());
    }

    @Test
    void unsignedArmIsRefusedCountedAndNeverReachesTheController() throws Exception {
        Command arm = Command.newBuilder().setSchemaVersion(WireSchema.VERSION).setCommandId("a1")
                .setKind(Command.Kind.ARM).setUnixMillis(NOW_MILLIS).build();
        assertRefused("unsigned", operator.send(arm));
        assertEquals(List.of(), sink.calls);
        assertEquals(1, channel.stats().refused(Refusal.UNSIGNED));
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        CommandSigner stranger = new CommandSigner(STRANGER.getPrivate(), STRANGER.getPublic(), operatorClock,
                new SecureRandom(), "test");
        assertRefused("untrusted_key", operator.send(stranger.arm(robot)));

        // The trusted key announced, but the signature made by another key.
        Command forged = stranger.arm(robot).toBuilder().setSignature(stranger.arm(robot).getSignature().toBuilder()
                .setPublicKey(ByteString.copyFrom(OPERATOR.getPublic().getEncoded()))).build();
        assertRefused("bad_signature", operator.send(forged));

        // Signed by the operator as a harmless reset, then turned into an arm on the way.
        Command altered = signer.reset(robot).toBuilder().setKind(Command.Kind.ARM).build();
        assertRefused("bad_signature", operator.send(altered));

        // Signed for another robot.
        Command elsewhere = signer.arm("another-robot").toBuilder().build();
        assertRefused("bad_signature", operator.send(elsewhere));

        assertEquals(List.of(), sink.calls);
        assertEquals(1, channel.stats().refused(Refusal.UNTRUSTED_KEY));
        assertEquals(3, channel.stats().refused(Refusal.BAD_SIGNATURE));
    }

    @Test
    void aReplayedSignedCommandIsRefused() throws Exception {
        Command arm = signer.arm(robot);
        assertTrue(operator.send(arm).getAccepted());
        robotClock.set(NOW_MILLIS + 5_000);
        assertRefused("replayed", operator.send(arm));
        assertEquals(List.of("arm"), sink.calls);
        assertEquals(1, channel.stats().accepted());
        assertEquals(1, channel.stats().refused(Refusal.REPLAYED));
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() throws Exception {
        operatorClock.set(NOW_MILLIS - 31_000);
        assertRefused("stale", operator.send(signer.arm(robot)));
        operatorClock.set(NOW_MILLIS + 31_000);
        assertRefused("stale", operator.send(signer.setInput(robot, "target_speed", 0.5)));
        operatorClock.set(NOW_MILLIS - 29_000);
        assertTrue(operator.send(signer.setInput(robot, "target_speed", 0.5)).getAccepted());
        assertEquals(List.of("set target_speed=0.5"), sink.calls);
        assertEquals(2, channel.stats().refused(Refusal.STALE));
    }

    @Test
    void stopAndEmergencyStopAreObeyedUnsignedStaleOrReplayed() throws Exception {
        Command estop = Command.newBuilder().setCommandId("e1").setKind(Command.Kind.ESTOP).build();
        assertTrue(operator.send(estop).getAccepted());
        assertTrue(operator.send(estop).getAccepted());
        operatorClock.set(NOW_MILLIS - 3_600_000);
        assertTrue(operator.send(signer.stop(robot)).getAccepted());
        assertEquals(List.of("estop", "estop", "stop"), sink.calls);
    }

    @Test
    void malformedAndOversizedMessagesAreRefusedWithTheReason() throws Exception {
        assertRefused("malformed", operator.send(new byte[] {(byte) 0xff, 0x01, 0x02}, ""));
        assertRefused("malformed", operator.send(signer.setInput(robot, "bad name!", 1)));
        assertRefused("malformed", operator.send(signer.sign(robot, Command.newBuilder().setCommandId("k9")
                .setKindValue(42))));
        Command big = signer.setInput(robot, "x", 1).toBuilder().setOrigin("o".repeat(300 * 1024)).build();
        assertRefused("oversized", operator.send(big.toByteArray(), ""));
        assertEquals(List.of(), sink.calls);
        assertEquals(3, channel.stats().refused(Refusal.MALFORMED));
        assertEquals(1, channel.stats().refused(Refusal.OVERSIZED));
    }

    private Path bundle(String name, KeyPair bundleSigner, long seed) {
        RobotTask task = TestActors.task("pendulum");
        Path dir = tmp.resolve(name);
        PolicyExporter.export(task, TestActors.random(task, new int[] {8}, Activation.TANH, seed, false),
                Provenance.untrained(seed), dir, bundleSigner);
        return dir;
    }

    @Test
    void aRefusedBundleLeavesTheControllerUntouched() throws Exception {
        byte[] untrusted = BundleArchive.pack(bundle("untrusted", STRANGER, 1));
        CommandAck ack = operator.send(signer.loadBundle(robot, untrusted));
        assertRefused("bundle_refused", ack);
        assertTrue(ack.getMessage().contains("not trusted"), ack.getMessage());

        byte[] garbage = "not a zip at all".getBytes();
        assertRefused("bundle_refused", operator.send(signer.loadBundle(robot, garbage)));

        // A signed load naming a published bundle the robot never received.
        assertRefused("unknown_bundle", operator.send(signer.loadPublishedBundle(robot, Sha256.hex(untrusted))));
        assertEquals(List.of(), sink.calls);
        assertEquals(2, channel.stats().refused(Refusal.BUNDLE_REFUSED));
    }

    @Test
    void aGoodBundleReachesTheControllerInlineOrPublished() throws Exception {
        Path dir = bundle("good", OPERATOR, 2);
        byte[] archive = BundleArchive.pack(dir);
        CommandAck ack = operator.send(signer.loadBundle(robot, archive));
        assertTrue(ack.getAccepted(), ack.getMessage());
        assertEquals(1, sink.bundles.size());

        Path other = bundle("published", OPERATOR, 3);
        byte[] published = BundleArchive.pack(other);
        operator.publishPolicy(PolicyDeployment.newBuilder().setSchemaVersion(WireSchema.VERSION).setPolicyId("p3")
                .setBundleSha256(Sha256.hex(published)).setBundleArchive(ByteString.copyFrom(published)).build()
                .toByteArray());
        CommandAck ack2 = sendUntilPublishedArrives(Sha256.hex(published));
        assertTrue(ack2.getAccepted(), ack2.getMessage());
        assertEquals(List.of("load", "load"), sink.calls);
        assertArrayEquals(Sha256.hex(java.nio.file.Files.readAllBytes(other.resolve("policy.onnx"))).getBytes(),
                sink.bundles.get(1).manifest().onnxSha256().getBytes());
    }

    /** The retained message and the command travel separately: retry (freshly signed) until it has arrived. */
    private CommandAck sendUntilPublishedArrives(String sha) throws Exception {
        for (int i = 0; ; i++) {
            CommandAck a = operator.send(signer.loadPublishedBundle(robot, sha));
            if (!"unknown_bundle".equals(a.getReason()) || i == 50) {
                return a;
            }
            Thread.sleep(100);
        }
    }
}
