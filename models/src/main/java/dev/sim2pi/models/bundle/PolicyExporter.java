package dev.sim2pi.models.bundle;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.models.bundle.inference.JavaPolicyRunner;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;
import dev.sim2pi.models.bundle.onnx.OnnxModelCheck;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a policy bundle folder ({@code policy.onnx} + {@code policy.json}) from plain weight
 * arrays, so it does not depend on the training library. The exported bundle is loaded back
 * (ONNX Runtime reproducing the golden pairs) before this returns.
 *
 * <pre>{@code
 * ActorNetwork actor = ActorNetwork.forTask(task, Normalizer.of(mean, std),
 *         List.of(DenseLayer.of(w1, b1), DenseLayer.of(w2, b2), DenseLayer.of(wHead, bHead)), Activation.RELU);
 * PolicyBundle bundle = PolicyExporter.export(task, actor, provenance, Path.of("out/policy"), null);
 * }</pre>
 */
public final class PolicyExporter {

    /** Golden pairs written per bundle. */
    public static final int GOLDEN_PAIRS = PolicyBundle.MIN_GOLDEN_PAIRS;

    private PolicyExporter() {
    }

    /**
     * Exports and verifies a bundle.
     *
     * @param task       the task the policy was trained on (layouts, id, control rate)
     * @param actor      the deterministic actor; its action range must be the task's action bounds
     * @param provenance how it was made
     * @param dir        bundle folder, created if missing; existing bundle files are replaced
     * @param signer     key pair to sign the manifest with, or null for an unsigned bundle
     * @return the bundle as loaded back
     */
    public static PolicyBundle export(RobotTask task, ActorNetwork actor, Provenance provenance, Path dir, KeyPair signer) {
        return export(task, actor, provenance, PolicyManifest.FIRST_VERSION, null, dir, signer);
    }

    /**
     * Exports and verifies a bundle with a release number and parent (a fine-tuned successor).
     *
     * @param version release number, at least 1; a robot refuses one lower than it runs unless forced
     * @param parent  {@code onnx.sha256} of the bundle it was derived from, or null
     * @see #export(RobotTask, ActorNetwork, Provenance, Path, KeyPair)
     */
    public static PolicyBundle export(RobotTask task, ActorNetwork actor, Provenance provenance, int version,
                                      String parent, Path dir, KeyPair signer) {
        checkFits(task, actor);
        OnnxMl.ModelProto model = ActorGraphWriter.write(actor, metadata(task, provenance));
        List<String> problems = OnnxModelCheck.problems(model, actor.observationSize(), actor.actionSize());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the exported graph fails its own checks: " + problems);
        }
        byte[] onnx = model.toByteArray();

        List<GoldenPair> golden = new ArrayList<>();
        try (JavaPolicyRunner forward = new JavaPolicyRunner(actor)) {
            for (float[] obs : GoldenObservations.draw(task.observationLayout(), actor.normalizer(), provenance.seed(), GOLDEN_PAIRS)) {
                float[] action = new float[actor.actionSize()];
                forward.act(obs, 0, action, 0);
                golden.add(new GoldenPair(obs, action));
            }
        }
        PolicyManifest manifest = new PolicyManifest(PolicyManifest.SCHEMA_VERSION, task.id(), task.version(),
                task.observationLayout(), task.actions(), task.controlRateHz(),
                provenance.actionLatencySteps() * task.controlPeriodSeconds(), actor.layerSizes(), actor.hidden(),
                provenance, Sha256.hex(onnx), golden, null, version, parent);
        byte[] json = Json.pretty(ManifestJson.write(manifest));
        if (signer != null) {
            // Sign the tree as a reader will parse it, so the canonical bytes agree exactly.
            try {
                ObjectNode parsed = (ObjectNode) Json.parse(json);
                ManifestSignature.sign(parsed, signer.getPrivate(), signer.getPublic());
                json = Json.pretty(parsed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(PolicyBundle.ONNX_FILE), onnx);
            Files.write(dir.resolve(PolicyBundle.MANIFEST_FILE), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle " + dir + ": " + e.getMessage(), e);
        }
        BundleLoader loader = BundleLoader.create().expecting(task);
        loader = signer == null ? loader.allowingUnsigned() : loader.trusting(signer.getPublic());
        return loader.load(dir);
    }

    private static void checkFits(RobotTask task, ActorNetwork actor) {
        if (actor.observationSize() != task.observationSize() || actor.actionSize() != task.actions().size()) {
            throw new IllegalArgumentException("actor is " + actor.layerSizes() + " but task " + task.id() + " has "
                    + task.observationSize() + " observations and " + task.actions().size() + " actions");
        }
        Layout actions = task.actions();
        float[] low = actor.actionLow();
        float[] high = actor.actionHigh();
        for (int i = 0; i < actions.size(); i++) {
            if (low[i] != (float) actions.get(i).low() || high[i] != (float) actions.get(i).high()) {
                throw new IllegalArgumentException("actor scales action " + actions.get(i).name() + " to [" + low[i] + ", "
                        + high[i] + "] but task " + task.id() + " bounds it to [" + actions.get(i).low() + ", "
                        + actions.get(i).high() + "]");
            }
        }
    }

    private static Map<String, String> metadata(RobotTask task, Provenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sim2pi.manifest_schema_version", Integer.toString(PolicyManifest.SCHEMA_VERSION));
        m.put("sim2pi.task_id", task.id());
        m.put("sim2pi.task_version", Integer.toString(task.version()));
        m.put("sim2pi.git_commit", p.gitCommit());
        m.put("sim2pi.seed", Long.toString(p.seed()));
        m.put("sim2pi.env_steps", Long.toString(p.envSteps()));
        m.put("sim2pi.action_latency_steps", Integer.toString(p.actionLatencySteps()));
        m.put("sim2pi.evaluation_returns", toJson(p.evaluationReturns()));
        m.put("sim2pi.trainer_config", toJson(p.trainerConfig()));
        m.put("sim2pi.randomization", toJson(p.randomization()));
        return m;
    }

    private static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("provenance value is not JSON-compatible: " + e.getMessage(), e);
        }
    }
}
