package dev.sim2pi.models.bundle;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.bundle.onnx.ActorGraphReader;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;
import dev.sim2pi.models.bundle.onnx.ActorOp;
import dev.sim2pi.models.bundle.onnx.OnnxModelCheck;
import dev.sim2pi.models.bundle.onnx.Tensors;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a policy bundle (folder or {@code .s2p} archive) and refuses it, naming bundle, field
 * and expectation, unless all of these hold: the manifest has a known schema version and every
 * required field; it is signed by a trusted Ed25519 key (or the caller allowed unsigned
 * bundles); the ONNX file's SHA-256 matches; the ONNX model parses, passes the structural
 * checks and holds only finite weights; task and layouts are what the caller expects; and
 * ONNX Runtime on this machine reproduces the golden commands.
 *
 * <p>Immutable: each {@code expecting}/{@code trusting}/{@code allowingUnsigned}/{@code acceptingAnySigner}
 * returns a new loader.
 */
public final class BundleLoader {

    private final RobotTask expected;
    private final List<PublicKey> trusted;
    private final boolean allowUnsigned;
    private final boolean anySigner;

    private BundleLoader(RobotTask expected, List<PublicKey> trusted, boolean allowUnsigned, boolean anySigner) {
        this.expected = expected;
        this.trusted = List.copyOf(trusted);
        this.allowUnsigned = allowUnsigned;
        this.anySigner = anySigner;
    }

    /** A loader that expects no particular task, trusts no key and refuses unsigned bundles. */
    public static BundleLoader create() {
        return new BundleLoader(null, List.of(), false, false);
    }

    /** Refuse bundles for another task id or version, or another observation or action layout. */
    public BundleLoader expecting(RobotTask task) {
        return new BundleLoader(task, trusted, allowUnsigned, anySigner);
    }

    /** Accept signatures by these keys (in addition to those already trusted). */
    public BundleLoader trusting(PublicKey... keys) {
        List<PublicKey> all = new ArrayList<>(trusted);
        all.addAll(List.of(keys));
        return new BundleLoader(expected, all, allowUnsigned, anySigner);
    }

    /** Accept bundles without a signature (a signature present must still verify). */
    public BundleLoader allowingUnsigned() {
        return new BundleLoader(expected, trusted, true, anySigner);
    }

    /**
     * Accept a signature by any key as long as it verifies: for tools that inspect or repack
     * bundles, never for a robot deciding what to run.
     */
    public BundleLoader acceptingAnySigner() {
        return new BundleLoader(expected, trusted, allowUnsigned, true);
    }

    /** Loads a bundle folder, or an archive when {@code path} is a file. */
    public PolicyBundle load(Path path) {
        String bundle = path.toString();
        if (Files.isRegularFile(path)) {
            Map<String, byte[]> files = BundleArchive.read(path);
            return load(bundle, files.get(PolicyBundle.MANIFEST_FILE), files.get(PolicyBundle.ONNX_FILE));
        }
        if (!Files.isDirectory(path)) {
            throw new BundleException(bundle, "path", "does not exist; expected a bundle folder or a "
                    + PolicyBundle.ARCHIVE_EXTENSION + " archive");
        }
        return load(bundle, read(bundle, path, PolicyBundle.MANIFEST_FILE), read(bundle, path, PolicyBundle.ONNX_FILE));
    }

    /**
     * Loads a bundle from the bytes of its archive form (a bundle received over the network);
     * {@code name} says where it came from in refusals.
     */
    public PolicyBundle loadArchive(String name, byte[] archive) {
        Map<String, byte[]> files = BundleArchive.read(name, new java.io.ByteArrayInputStream(archive));
        return load(name, files.get(PolicyBundle.MANIFEST_FILE), files.get(PolicyBundle.ONNX_FILE));
    }

    private static byte[] read(String bundle, Path dir, String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new BundleException(bundle, name, "is missing; expected " + PolicyBundle.MANIFEST_FILE
                    + " and " + PolicyBundle.ONNX_FILE + " in the folder");
        } catch (IOException e) {
            throw new BundleException(bundle, name, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private PolicyBundle load(String bundle, byte[] manifestBytes, byte[] onnx) {
        JsonNode root;
        try {
            root = Json.parse(manifestBytes);
        } catch (IOException e) {
            throw new BundleException(bundle, PolicyBundle.MANIFEST_FILE, "is not valid JSON ("
                    + firstLine(e.getMessage()) + "); expected the manifest object", e);
        }
        PolicyManifest manifest = ManifestJson.read(bundle, root);
        ManifestSignature.verify(bundle, root, trusted, allowUnsigned, anySigner);
        String sha = Sha256.hex(onnx);
        if (!sha.equals(manifest.onnxSha256())) {
            throw new BundleException(bundle, PolicyBundle.ONNX_FILE, "has SHA-256 " + sha
                    + "; expected " + manifest.onnxSha256() + " (manifest field 'onnx.sha256')");
        }
        if (expected != null) {
            checkTask(bundle, manifest);
        }
        ActorNetwork actor = readActor(bundle, onnx, manifest);
        GoldenCheck.check(bundle, onnx, manifest.golden(), manifest.observation().size(), manifest.action().size());
        return new PolicyBundle(bundle, manifest, onnx, actor);
    }

    private ActorNetwork readActor(String bundle, byte[] onnx, PolicyManifest manifest) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleException(bundle, PolicyBundle.ONNX_FILE, "is truncated or not an ONNX model ("
                    + e.getMessage() + "); expected a serialized ONNX ModelProto", e);
        }
        List<String> problems = OnnxModelCheck.problems(model, manifest.observation().size(), manifest.action().size());
        if (!problems.isEmpty()) {
            throw new BundleException(bundle, PolicyBundle.ONNX_FILE, "is not a valid actor graph ("
                    + String.join("; ", problems) + "); expected an ONNX IR " + ActorGraphWriter.IR_VERSION
                    + ", opset " + ActorOp.OPSET + " graph from obs to action");
        }
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            float[] values = Tensors.floats(t);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new BundleException(bundle, PolicyBundle.ONNX_FILE + " initializer '" + t.getName() + "'",
                            "holds " + values[i] + " at index " + i + "; expected finite weights");
                }
            }
        }
        ActorNetwork actor;
        try {
            actor = ActorGraphReader.read(model);
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle, PolicyBundle.ONNX_FILE, "is not the actor graph sim2pi writes ("
                    + e.getMessage() + ")", e);
        }
        if (!actor.layerSizes().equals(manifest.layerSizes()) || actor.hidden() != manifest.hiddenActivation()) {
            throw new BundleException(bundle, ManifestJson.FILE + " field 'network'", "says " + manifest.layerSizes()
                    + " " + manifest.hiddenActivation().id() + "; the ONNX graph is " + actor.layerSizes() + " "
                    + actor.hidden().id());
        }
        return actor;
    }

    private void checkTask(String bundle, PolicyManifest m) {
        String field = ManifestJson.FILE + " field ";
        if (!m.taskId().equals(expected.id()) || m.taskVersion() != expected.version()) {
            throw new BundleException(bundle, field + "'task'", "is " + m.taskId() + " v" + m.taskVersion()
                    + "; expected " + expected.id() + " v" + expected.version());
        }
        checkLayout(bundle, "observation", m.observation(), expected.observationLayout());
        checkLayout(bundle, "action", m.action(), expected.actions());
    }

    private static void checkLayout(String bundle, String key, Layout actual, Layout want) {
        if (actual.equals(want)) {
            return;
        }
        String field = ManifestJson.FILE + " field '" + key + "'";
        if (actual.size() != want.size()) {
            throw new BundleException(bundle, field, "has " + actual.size() + " channels " + actual.names()
                    + "; expected " + want.size() + " " + want.names());
        }
        for (int i = 0; i < want.size(); i++) {
            if (!actual.get(i).equals(want.get(i))) {
                throw new BundleException(bundle, ManifestJson.FILE + " field '" + key + "[" + i + "]'", "is "
                        + describe(actual.get(i)) + "; expected " + describe(want.get(i)));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String describe(Channel c) {
        return c.name() + " [" + c.unit() + "] in [" + c.low() + ", " + c.high() + "]";
    }
}
