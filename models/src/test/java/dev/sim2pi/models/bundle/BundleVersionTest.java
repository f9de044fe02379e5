package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle's release number and parent are written, read back, signed, and checked when read. */
class BundleVersionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARENT = "ab".repeat(32);

    @TempDir
    Path tmp;

    private PolicyBundle export(Path dir, int version, String parent, KeyPair keys) {
        ActorNetwork actor = TestTasks.randomActor(TestTasks.PENDULUM, new int[] {8}, Activation.RELU, 3, false);
        return PolicyExporter.export(TestTasks.PENDULUM, actor, TestTasks.provenance(1), version, parent, dir, keys);
    }

    @Test
    void versionAndParentRoundTripThroughASignedManifest() {
        KeyPair keys = Ed25519Keys.generate();
        PolicyBundle b = export(tmp.resolve("b"), 7, PARENT, keys);
        assertEquals(7, b.manifest().version());
        assertEquals(PARENT, b.manifest().parent());
        PolicyBundle again = BundleLoader.create().trusting(keys.getPublic()).load(tmp.resolve("b"));
        assertEquals(7, again.manifest().version());
        assertEquals(PARENT, again.manifest().parent());
    }

    @Test
    void theSignatureCoversTheVersion() throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        Path dir = tmp.resolve("b");
        export(dir, 2, null, keys);
        Path file = dir.resolve(PolicyBundle.MANIFEST_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.put("version", 99);
        JSON.writeValue(file.toFile(), root);
        BundleException e = assertThrows(BundleException.class,
                () -> BundleLoader.create().trusting(keys.getPublic()).load(dir));
        assertTrue(e.field().contains("signature"), e.getMessage());
    }

    @Test
    void aVersionBelowOneOrABadParentIsRefusedNamingTheField() throws Exception {
        Path dir = tmp.resolve("b");
        export(dir, 1, null, null);
        Path file = dir.resolve(PolicyBundle.MANIFEST_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.put("version", 0);
        JSON.writeValue(file.toFile(), root);
        BundleException e = assertThrows(BundleException.class,
                () -> BundleLoader.create().allowingUnsigned().load(dir));
        assertTrue(e.field().contains("'version'") && e.getMessage().contains("expected an integer from 1"), e.getMessage());
        root.put("version", 1);
        root.put("parent", "not-a-hash");
        JSON.writeValue(file.toFile(), root);
        e = assertThrows(BundleException.class, () -> BundleLoader.create().allowingUnsigned().load(dir));
        assertTrue(e.field().contains("'parent'") && e.getMessage().contains("64 lower-case hex"), e.getMessage());
    }

    @Test
    void aManifestWithoutVersionIsTheFirstRelease() throws Exception {
        Path dir = tmp.resolve("b");
        export(dir, 5, PARENT, null);
        Path file = dir.resolve(PolicyBundle.MANIFEST_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.remove("version");
        root.remove("parent");
        JSON.writeValue(file.toFile(), root);
        PolicyBundle b = BundleLoader.create().allowingUnsigned().load(dir);
        assertEquals(PolicyManifest.FIRST_VERSION, b.manifest().version());
        assertEquals(null, b.manifest().parent());
    }
}
