package dev.sim2pi.controller.command;

import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.telemetry.command.SignedContent;
import dev.sim2pi.telemetry.wire.proto.Command;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a command comes from a trusted operator now: signature by a trusted Ed25519
 * key over {@link SignedContent} for this robot, timestamp within the window, nonce not seen.
 * The signature is checked first so forged commands never fill the replay cache. Not
 * thread-safe (one channel thread).
 */
final class CommandAuthenticator {

    static final int MIN_NONCE_BYTES = 16;
    static final int MAX_NONCE_BYTES = 64;

    private final CommandRules rules;
    private final List<byte[]> trusted;
    private final ReplayCache replay;

    CommandAuthenticator(CommandRules rules) {
        this.rules = rules;
        this.trusted = rules.trustedKeys().stream().map(PublicKey::getEncoded).toList();
        this.replay = new ReplayCache(rules.replayCapacity(), rules.window().toMillis());
    }

    /** Null when {@code c} may be carried out, else why not. */
    Rejection check(Command c) {
        if (!c.hasSignature() || c.getSignature().getValue().isEmpty()) {
            return new Rejection(Refusal.UNSIGNED, c.getKind() + " needs an Ed25519 signature by a trusted operator key"
                    + " (only stop and e-stop are obeyed unsigned)");
        }
        int nonce = c.getNonce().size();
        if (nonce < MIN_NONCE_BYTES || nonce > MAX_NONCE_BYTES) {
            return new Rejection(Refusal.MALFORMED, "nonce has " + nonce + " bytes; expected "
                    + MIN_NONCE_BYTES + " to " + MAX_NONCE_BYTES);
        }
        if (!Ed25519Keys.ALGORITHM.equals(c.getSignature().getAlgorithm())) {
            return new Rejection(Refusal.MALFORMED, "signature algorithm '" + printable(c.getSignature().getAlgorithm())
                    + "'; expected 'Ed25519'");
        }
        byte[] signerBytes = c.getSignature().getPublicKey().toByteArray();
        if (trusted.stream().noneMatch(k -> Arrays.equals(k, signerBytes))) {
            return new Rejection(Refusal.UNTRUSTED_KEY, "signed by a key this robot does not trust"
                    + fingerprint(signerBytes) + "; expected one of the keys it trusts for bundles");
        }
        if (!verifies(signerBytes, c)) {
            return new Rejection(Refusal.BAD_SIGNATURE, "signature does not verify for robot " + rules.robotId()
                    + "; the command was altered, forged or signed for another robot");
        }
        long now = rules.wallClock().millis();
        long skew = c.getUnixMillis() - now;
        if (Math.abs(skew) > rules.window().toMillis()) {
            return new Rejection(Refusal.STALE, "timestamp is " + Math.abs(skew) + " ms "
                    + (skew < 0 ? "old" : "ahead of the robot's clock") + "; expected within "
                    + rules.window().toMillis() + " ms (check both clocks)");
        }
        return switch (replay.admit(c.getNonce(), c.getUnixMillis(), now)) {
            case NEW -> null;
            case SEEN -> new Rejection(Refusal.REPLAYED, "nonce was used before; a command is accepted once");
            case BELOW_FLOOR -> new Rejection(Refusal.REPLAYED, "stamped before the oldest command the robot still"
                    + " remembers (" + rules.replayCapacity() + " recent commands); send it again freshly signed");
        };
    }

    private boolean verifies(byte[] signerBytes, Command c) {
        try {
            PublicKey signer = KeyFactory.getInstance(Ed25519Keys.ALGORITHM).generatePublic(new X509EncodedKeySpec(signerBytes));
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initVerify(signer);
            s.update(SignedContent.of(rules.robotId(), c));
            return s.verify(c.getSignature().getValue().toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            PublicKey k = KeyFactory.getInstance(Ed25519Keys.ALGORITHM).generatePublic(new X509EncodedKeySpec(key));
            return " (" + Ed25519Keys.fingerprint(k) + ")";
        } catch (GeneralSecurityException | RuntimeException e) {
            return " (not a valid Ed25519 key)";
        }
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
