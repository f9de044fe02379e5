package dev.sim2pi.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/** Signs (or re-signs) the manifest of an existing bundle folder. */
public final class BundleSigner {

    private BundleSigner() {
    }

    /**
     * Replaces any signature in {@code dir/policy.json} with one by {@code key}. The bundle is
     * checked first (apart from its old signature), so only a bundle that loads gets signed.
     */
    public static void sign(Path dir, PrivateKey key, PublicKey publicKey) throws IOException {
        Path file = dir.resolve(PolicyBundle.MANIFEST_FILE);
        byte[] original = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = Json.parse(original);
        } catch (IOException e) {
            throw new BundleException(dir.toString(), PolicyBundle.MANIFEST_FILE, "is not valid JSON; expected the manifest object", e);
        }
        if (!(root instanceof ObjectNode manifest)) {
            throw new BundleException(dir.toString(), PolicyBundle.MANIFEST_FILE, "is not a JSON object; expected the manifest object");
        }
        manifest.remove(ManifestSignature.FIELD);
        // Check the bundle without its old signature, so a bundle signed by another key can be re-signed.
        Files.write(file, Json.pretty(manifest));
        try {
            BundleLoader.create().allowingUnsigned().load(dir);
        } catch (RuntimeException e) {
            Files.write(file, original);
            throw e;
        }
        ManifestSignature.sign(manifest, key, publicKey);
        Files.write(file, Json.pretty(manifest));
    }
}
