package dev.sim2pi.controller.command;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.bundle.Sha256;
import dev.sim2pi.telemetry.wire.proto.PolicyDeployment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bundle archive last retained on {@code sim2pi/<robot>/policy}, kept as bytes and never
 * unpacked until a signed load command names its SHA-256: whoever may publish there cannot make
 * the robot parse anything.
 */
final class PublishedBundles {

    /** An archive and its SHA-256 (lower-case hex), as computed here. */
    record Archive(String sha256, byte[] bytes, String policyId) {
    }

    private final int maxBytes;
    private final AtomicReference<Archive> latest = new AtomicReference<>();

    PublishedBundles(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes a {@code PolicyDeployment} message; returns why it was ignored, or null if kept. */
    String offer(byte[] payload) {
        if (payload.length > maxBytes) {
            return "policy message of " + payload.length + " bytes; expected at most " + maxBytes;
        }
        if (payload.length == 0) {
            latest.set(null); // a retained message cleared
            return null;
        }
        PolicyDeployment d;
        try {
            d = PolicyDeployment.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return "policy message is not a PolicyDeployment (" + e.getMessage() + ")";
        }
        if (d.getBundleArchive().isEmpty()) {
            return "policy message carries no bundle_archive; expected the .s2p bytes inline";
        }
        byte[] bytes = d.getBundleArchive().toByteArray();
        String sha = Sha256.hex(bytes);
        if (!d.getBundleSha256().isEmpty() && !d.getBundleSha256().equalsIgnoreCase(sha)) {
            return "policy message says bundle_sha256 " + CommandAuthenticator.printable(d.getBundleSha256())
                    + " but its archive hashes to " + sha;
        }
        latest.set(new Archive(sha, bytes, CommandAuthenticator.printable(d.getPolicyId())));
        return null;
    }

    /** The archive with this SHA-256, or null if it is not the one published last. */
    Archive find(String sha256) {
        Archive a = latest.get();
        return a != null && a.sha256.equalsIgnoreCase(sha256) ? a : null;
    }
}
