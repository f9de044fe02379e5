package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names the bundle, the field at fault and what was expected. */
class BundleRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair KEYS = Ed25519Keys.generate();

    @TempDir
    Path tmp;
    Path unsigned;
    Path signed;

    @BeforeEach
    void export() {
        unsigned = tmp.resolve("unsigned");
        signed = tmp.resolve("signed");
        ActorNetwork actor = TestTasks.randomActor(TestTasks.PENDULUM, new int[] {16, 16}, Activation.RELU, 9, false);
        PolicyExporter.export(TestTasks.PENDULUM, actor, TestTasks.provenance(4), unsigned, null);
        PolicyExporter.export(TestTasks.PENDULUM, actor, TestTasks.provenance(4), signed, KEYS);
    }

    private static BundleLoader lenient() {
        return BundleLoader.create().expecting(TestTasks.PENDULUM).allowingUnsigned();
    }

    private static String refused(BundleLoader loader, Path bundle, String field, String... expected) {
        BundleException e = assertThrows(BundleException.class, () -> loader.load(bundle));
        String m = e.getMessage();
        assertTrue(m.contains(bundle.toString()), "names the bundle: " + m);
        assertTrue(e.field().contains(field), "names field " + field + ": " + m);
        assertTrue(m.contains("expected"), "says what was expected: " + m);
        for (String s : expected) {
            assertTrue(m.contains(s), "mentions '" + s + "': " + m);
        }
        return m;
    }

    private static void editManifest(Path bundle, Consumer<ObjectNode> edit) throws Exception {
        Path file = bundle.resolve(PolicyBundle.MANIFEST_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** Replaces policy.onnx and updates the manifest hash, so later checks are reached. */
    private static void replaceOnnx(Path bundle, byte[] onnx) throws Exception {
        Files.write(bundle.resolve(PolicyBundle.ONNX_FILE), onnx);
        editManifest(bundle, root -> ((ObjectNode) root.get("onnx")).put("sha256", Sha256.hex(onnx)));
    }

    private static OnnxMl.ModelProto model(Path bundle) throws Exception {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(bundle.resolve(PolicyBundle.ONNX_FILE)));
    }

    @Test
    void alteredOnnxIsRefusedForItsHash() throws Exception {
        byte[] onnx = Files.readAllBytes(unsigned.resolve(PolicyBundle.ONNX_FILE));
        onnx[onnx.length - 1] ^= 1;
        Files.write(unsigned.resolve(PolicyBundle.ONNX_FILE), onnx);
        refused(lenient(), unsigned, "policy.onnx", "SHA-256", "onnx.sha256");
    }

    @Test
    void unknownSchemaVersionIsRefused() throws Exception {
        editManifest(unsigned, root -> root.put("schemaVersion", 2));
        refused(lenient(), unsigned, "schemaVersion", "is 2", "known schema version (1)");
    }

    @Test
    void otherTaskIdIsRefused() {
        refused(BundleLoader.create().expecting(TestTasks.BALANCER).allowingUnsigned(), unsigned, "'task'",
                "test-pendulum v1", "test-balancer v3");
    }

    @Test
    void otherTaskVersionIsRefused() {
        refused(BundleLoader.create().expecting(TestTasks.PENDULUM_V2).allowingUnsigned(), unsigned, "'task'",
                "test-pendulum v1", "expected test-pendulum v2");
    }

    @Test
    void otherObservationLayoutIsRefused() {
        refused(BundleLoader.create().expecting(TestTasks.PENDULUM_WIDER).allowingUnsigned(), unsigned, "'observation'",
                "has 3 channels", "expected 4", "theta_ddot");
    }

    @Test
    void otherActionBoundsAreRefused() {
        refused(BundleLoader.create().expecting(TestTasks.PENDULUM_STRONGER).allowingUnsigned(), unsigned, "'action[0]'",
                "[-2.0, 2.0]", "expected torque [N*m] in [-3.0, 3.0]");
    }

    @Test
    void goldenOutputsNotReproducedAreRefusedWithTheTolerance() throws Exception {
        editManifest(unsigned, root -> {
            ArrayNode action = (ArrayNode) root.get("golden").get(3).get("action");
            action.set(0, action.get(0).floatValue() + 0.001f);
        });
        refused(lenient(), unsigned, "golden[3].action", "not reproduced", "1e-05 absolute + 1e-05 relative");
    }

    @Test
    void nanWeightIsRefusedNamingTheInitializer() throws Exception {
        OnnxMl.ModelProto m = model(unsigned);
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().startsWith("layer1_weight")) {
                float[] w = dev.sim2pi.models.bundle.onnx.Tensors.floats(g.getInitializer(i));
                w[5] = Float.NaN;
                OnnxMl.TensorProto.Builder t = g.getInitializer(i).toBuilder().clearRawData().clearFloatData();
                for (float v : w) {
                    t.addFloatData(v);
                }
                g.setInitializer(i, t);
            }
        }
        replaceOnnx(unsigned, m.toBuilder().setGraph(g).build().toByteArray());
        refused(lenient(), unsigned, "initializer 'layer1_weight", "NaN at index 5", "finite weights");
    }

    @Test
    void infiniteWeightIsRefused() throws Exception {
        OnnxMl.ModelProto m = model(unsigned);
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().startsWith("obs_inv_std")) {
                float[] w = dev.sim2pi.models.bundle.onnx.Tensors.floats(g.getInitializer(i));
                w[0] = Float.POSITIVE_INFINITY;
                OnnxMl.TensorProto.Builder t = g.getInitializer(i).toBuilder().clearRawData().clearFloatData();
                for (float v : w) {
                    t.addFloatData(v);
                }
                g.setInitializer(i, t);
            }
        }
        replaceOnnx(unsigned, m.toBuilder().setGraph(g).build().toByteArray());
        refused(lenient(), unsigned, "initializer 'obs_inv_std", "Infinity at index 0", "finite weights");
    }

    @Test
    void truncatedOnnxIsRefused() throws Exception {
        byte[] onnx = Files.readAllBytes(unsigned.resolve(PolicyBundle.ONNX_FILE));
        replaceOnnx(unsigned, Arrays.copyOf(onnx, onnx.length / 2));
        refused(lenient(), unsigned, "policy.onnx", "truncated", "serialized ONNX ModelProto");
    }

    @Test
    void structurallyInvalidOnnxIsRefused() throws Exception {
        OnnxMl.ModelProto m = model(unsigned);
        // Drop the first node: the second then reads a value nothing defines.
        OnnxMl.GraphProto g = m.getGraph().toBuilder().removeNode(0).build();
        replaceOnnx(unsigned, m.toBuilder().setGraph(g).build().toByteArray());
        refused(lenient(), unsigned, "policy.onnx", "before anything defines it");
    }

    @Test
    void wrongIrVersionIsRefused() throws Exception {
        replaceOnnx(unsigned, model(unsigned).toBuilder().setIrVersion(10).build().toByteArray());
        refused(lenient(), unsigned, "policy.onnx", "ir_version is 10; expected 8");
    }

    @Test
    void missingManifestFieldIsRefused() throws Exception {
        editManifest(unsigned, root -> ((ObjectNode) root.get("provenance")).remove("gitCommit"));
        refused(lenient(), unsigned, "provenance.gitCommit", "is missing", "expected a string");
    }

    @Test
    void missingGoldenPairsAreRefused() throws Exception {
        editManifest(unsigned, root -> ((ArrayNode) root.get("golden")).remove(0));
        refused(lenient(), unsigned, "golden", "holds 7 pairs", "at least 8");
    }

    @Test
    void missingOnnxFileIsRefused() throws Exception {
        Files.delete(unsigned.resolve(PolicyBundle.ONNX_FILE));
        refused(lenient(), unsigned, "policy.onnx", "is missing");
    }

    @Test
    void invalidJsonIsRefused() throws Exception {
        Files.writeString(unsigned.resolve(PolicyBundle.MANIFEST_FILE), "{\"schemaVersion\": 1,");
        refused(lenient(), unsigned, "policy.json", "not valid JSON");
    }

    @Test
    void signedBundleLoadsWithItsKeyTrusted() {
        PolicyBundle b = BundleLoader.create().expecting(TestTasks.PENDULUM).trusting(KEYS.getPublic()).load(signed);
        assertTrue(b.manifest().signed());
        assertEquals(Ed25519Keys.encode(KEYS.getPublic()), b.manifest().signerKey());
    }

    @Test
    void editedSignedManifestIsRefusedForItsSignature() throws Exception {
        editManifest(signed, root -> root.put("controlRateHz", 50.0));
        refused(BundleLoader.create().trusting(KEYS.getPublic()), signed, "signature.value", "does not verify");
    }

    @Test
    void signedBundleWithReplacedModelAndHashIsRefusedForItsSignature() throws Exception {
        OnnxMl.ModelProto m = model(signed);
        replaceOnnx(signed, m.toBuilder().setDocString("tampered").build().toByteArray());
        refused(BundleLoader.create().trusting(KEYS.getPublic()), signed, "signature.value", "does not verify");
    }

    @Test
    void untrustedKeyIsRefused() {
        KeyPair other = Ed25519Keys.generate();
        refused(BundleLoader.create().trusting(other.getPublic()), signed, "signature.publicKey",
                Ed25519Keys.fingerprint(KEYS.getPublic()) + " is not trusted", Ed25519Keys.fingerprint(other.getPublic()));
    }

    @Test
    void anySignerModeAcceptsAValidSignatureByAnyKeyButNotATamperedOne() throws Exception {
        BundleLoader tools = BundleLoader.create().acceptingAnySigner();
        assertTrue(tools.load(signed).manifest().signed());
        editManifest(signed, root -> root.put("controlRateHz", 50.0));
        refused(tools, signed, "signature.value", "does not verify");
    }

    @Test
    void unsignedBundleIsRefusedUnlessAllowed() {
        refused(BundleLoader.create().trusting(KEYS.getPublic()), unsigned, "signature", "is missing",
                "did not allow unsigned");
        assertEquals("test-pendulum", lenient().load(unsigned).manifest().taskId());
    }

    @Test
    void archiveMissingAnEntryIsRefused() throws Exception {
        Path archive = tmp.resolve("broken" + PolicyBundle.ARCHIVE_EXTENSION);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(PolicyBundle.MANIFEST_FILE));
            zip.write(Files.readAllBytes(unsigned.resolve(PolicyBundle.MANIFEST_FILE)));
            zip.closeEntry();
        }
        refused(lenient(), archive, "archive entry 'policy.onnx'", "is missing");
    }
}
