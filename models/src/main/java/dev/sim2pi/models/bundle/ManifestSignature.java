package dev.sim2pi.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/**
 * Ed25519 signature over the manifest's canonical bytes (every field but {@code signature},
 * keys sorted, no whitespace). The manifest carries the ONNX file's SHA-256, so the signature
 * covers the model too.
 */
final class ManifestSignature {

    static final String FIELD = "signature";

    private ManifestSignature() {
    }

    /** Adds a {@code signature} object to {@code root} (which must not have one yet). */
    static void sign(ObjectNode root, PrivateKey key, PublicKey publicKey) {
        byte[] payload = Json.canonical(unsigned(root));
        byte[] value;
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initSign(key);
            s.update(payload);
            value = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        ObjectNode sig = root.putObject(FIELD);
        sig.put("algorithm", Ed25519Keys.ALGORITHM);
        sig.put("publicKey", Ed25519Keys.encode(publicKey));
        sig.put("value", Base64.getEncoder().encodeToString(value));
    }

    /**
     * Checks the signature of a parsed manifest.
     *
     * @param trusted       public keys the caller trusts
     * @param allowUnsigned whether a manifest without signature is acceptable
     * @param anySigner     whether a valid signature by an untrusted key is acceptable
     */
    static void verify(String bundle, JsonNode root, Collection<PublicKey> trusted, boolean allowUnsigned, boolean anySigner) {
        String where = field("");
        JsonNode sig = root.get(FIELD);
        if (sig == null || sig.isNull()) {
            if (!allowUnsigned) {
                throw new BundleException(bundle, where, "is missing; expected an Ed25519 signature by a trusted key"
                        + " (the caller did not allow unsigned bundles)");
            }
            return;
        }
        String algorithm = sig.path("algorithm").asText("");
        if (!algorithm.equals(Ed25519Keys.ALGORITHM)) {
            throw new BundleException(bundle, field(".algorithm"), "is '" + algorithm + "'; expected 'Ed25519'");
        }
        PublicKey signer;
        byte[] value;
        try {
            signer = Ed25519Keys.publicKey(sig.path("publicKey").asText(""), "signer key");
            value = Base64.getDecoder().decode(sig.path("value").asText(""));
        } catch (RuntimeException e) {
            throw new BundleException(bundle, where, "is malformed (" + e.getMessage() + "); expected Base64 key and value");
        }
        boolean isTrusted = trusted.stream().anyMatch(k -> Arrays.equals(k.getEncoded(), signer.getEncoded()));
        if (!isTrusted && !anySigner) {
            throw new BundleException(bundle, field(".publicKey"), "key " + Ed25519Keys.fingerprint(signer)
                    + " is not trusted; expected " + (trusted.isEmpty() ? "a key the caller trusts (none was given)"
                    : "one of " + trusted.stream().map(Ed25519Keys::fingerprint).toList()));
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initVerify(signer);
            s.update(Json.canonical(unsigned(root)));
            ok = s.verify(value);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new BundleException(bundle, field(".value"), "does not verify with key " + Ed25519Keys.fingerprint(signer)
                    + "; expected a signature over this manifest's canonical bytes (the manifest or model was altered)");
        }
    }

    private static String field(String sub) {
        return ManifestJson.FILE + " field '" + FIELD + sub + "'";
    }

    private static JsonNode unsigned(JsonNode root) {
        ObjectNode copy = ((ObjectNode) root).deepCopy();
        copy.remove(FIELD);
        return copy;
    }
}
