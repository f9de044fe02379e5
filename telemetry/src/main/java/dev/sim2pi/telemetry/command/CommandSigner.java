package dev.sim2pi.telemetry.command;

import com.google.protobuf.ByteString;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandSignature;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Signs operator commands for a robot with an Ed25519 key the robot trusts: stamps the wall
 * time, a fresh random nonce and command id, then signs {@link SignedContent}. Used by the
 * {@code sim2pi controller send} command and the monitor's buttons.
 */
public final class CommandSigner {

    /** Nonce length written; robots accept 16 to 64 bytes. */
    public static final int NONCE_BYTES = 16;

    private final PrivateKey key;
    private final byte[] publicKey;
    private final InstantSource wallClock;
    private final SecureRandom random;
    private final String origin;

    /**
     * @param key       the operator's private key
     * @param publicKey its public key (sent along so the robot can say which key it did not trust)
     * @param wallClock wall time for the command's timestamp
     * @param random    source of nonces and command ids
     * @param origin    who sends, for people reading acknowledgements and events ("monitor", "cli")
     */
    public CommandSigner(PrivateKey key, PublicKey publicKey, InstantSource wallClock, SecureRandom random, String origin) {
        this.key = key;
        this.publicKey = publicKey.getEncoded();
        this.wallClock = wallClock;
        this.random = random;
        this.origin = origin;
    }

    public Command arm(String robot) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.ARM));
    }

    public Command stop(String robot) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.STOP));
    }

    public Command emergencyStop(String robot) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.ESTOP));
    }

    public Command reset(String robot) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.RESET));
    }

    public Command setInput(String robot, String name, double value) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.SET_INPUT).setInputName(name).setInputValue(value));
    }

    /** Loads the bundle archive ({@code .s2p} bytes) sent inside the command. */
    public Command loadBundle(String robot, byte[] archive) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.LOAD_BUNDLE).setBundleArchive(ByteString.copyFrom(archive)));
    }

    /** Loads the bundle retained on {@code sim2pi/<robot>/policy} whose archive has this SHA-256. */
    public Command loadPublishedBundle(String robot, String archiveSha256) {
        return sign(robot, Command.newBuilder().setKind(Command.Kind.LOAD_BUNDLE).setBundleSha256(archiveSha256));
    }

    /**
     * Completes and signs {@code draft} for {@code robot}: schema version, command id (unless
     * set), time, nonce, origin and signature are filled in.
     */
    public Command sign(String robot, Command.Builder draft) {
        Topics.checkRobotId(robot);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        if (draft.getCommandId().isEmpty()) {
            byte[] id = new byte[8];
            random.nextBytes(id);
            draft.setCommandId(origin + "-" + HexFormat.of().formatHex(id));
        }
        draft.setSchemaVersion(WireSchema.VERSION).setUnixMillis(wallClock.millis()).setOrigin(origin)
                .setNonce(ByteString.copyFrom(nonce)).clearSignature();
        byte[] value;
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initSign(key);
            s.update(SignedContent.of(robot, draft.build()));
            value = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (expected Ed25519): " + e.getMessage(), e);
        }
        return draft.setSignature(CommandSignature.newBuilder().setAlgorithm(Ed25519Keys.ALGORITHM)
                .setPublicKey(ByteString.copyFrom(publicKey)).setValue(ByteString.copyFrom(value))).build();
    }
}
