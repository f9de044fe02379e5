package dev.sim2pi.telemetry.command;

import dev.sim2pi.models.bundle.Sha256;
import dev.sim2pi.telemetry.wire.proto.Command;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a command's Ed25519 signature covers. Built field by field rather than taken from the
 * protobuf encoding, which is not canonical across implementations. Each field is length-prefixed
 * so no two commands share an encoding, and the bytes start with a tag no bundle manifest (canonical
 * JSON, which starts with '{') can start with: operators sign bundles and commands with the same
 * key, and neither signature must be usable as the other. The robot id is inside, so a command
 * signed for one robot cannot be replayed to another; a bundle is covered by its SHA-256.
 */
public final class SignedContent {

    static final byte[] TAG = "sim2pi command v1\n".getBytes(StandardCharsets.US_ASCII);

    private SignedContent() {
    }

    /** The signed bytes of {@code command} addressed to {@code robotId} (its signature field is ignored). */
    public static byte[] of(String robotId, Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(TAG);
        field(out, robotId.getBytes(StandardCharsets.UTF_8));
        field(out, command.getCommandId().getBytes(StandardCharsets.UTF_8));
        field(out, command.getKind().name().getBytes(StandardCharsets.US_ASCII));
        number(out, command.getUnixMillis());
        field(out, command.getOrigin().getBytes(StandardCharsets.UTF_8));
        field(out, command.getNonce().toByteArray());
        field(out, command.getInputName().getBytes(StandardCharsets.UTF_8));
        number(out, Double.doubleToLongBits(command.getInputValue()));
        field(out, bundleSha256(command).getBytes(StandardCharsets.US_ASCII));
        if (command.getForce()) {
            // Only when set, so commands signed before the flag existed keep their bytes.
            field(out, "force".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /**
     * The SHA-256 (lower-case hex) of the bundle a LOAD_BUNDLE command loads: of its inline
     * archive when it has one, else the published bundle it names; empty for other commands.
     */
    public static String bundleSha256(Command command) {
        return command.getBundleArchive().isEmpty() ? command.getBundleSha256()
                : Sha256.hex(command.getBundleArchive().toByteArray());
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        number(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void number(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }
}
