package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.models.tasks.BalancerTask;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Balancer releases for deployment tests, made from the shipped policy: itself re-released, a
 * weaker one that leans on a constant forward drive, and a broken one that drives one wheel only.
 */
final class Releases {

    static final Path SHIPPED_DIR = Path.of("..", "models", "policies", "balancer");
    static final PolicyBundle SHIPPED = BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(SHIPPED_DIR);

    private Releases() {
    }

    /** The shipped policy as release {@code version} ({@code seed} makes its model hash its own). */
    static PolicyBundle good(Path dir, int version, long seed, KeyPair keys) {
        return export(SHIPPED.actor(), dir, version, seed, keys);
    }

    /** The shipped policy with {@code bias} added before the squashing of both wheels' duty: it drifts. */
    static PolicyBundle drifting(Path dir, int version, float bias, KeyPair keys) {
        return export(editHead(SHIPPED.actor(), (w, b, in, out) -> {
            b[BalancerTask.DUTY_LEFT] += bias;
            b[BalancerTask.DUTY_RIGHT] += bias;
        }), dir, version, 77, keys);
    }

    /** The shipped policy with its right wheel's output cut to zero duty. */
    static PolicyBundle oneWheel(Path dir, int version, KeyPair keys) {
        return export(editHead(SHIPPED.actor(), (w, b, in, out) -> {
            for (int i = 0; i < in; i++) {
                w[i * out + BalancerTask.DUTY_RIGHT] = 0;
            }
            b[BalancerTask.DUTY_RIGHT] = 0;
        }), dir, version, 99, keys);
    }

    private interface HeadEdit {
        void edit(float[] weights, float[] bias, int inputs, int outputs);
    }

    private static ActorNetwork editHead(ActorNetwork a, HeadEdit edit) {
        List<DenseLayer> layers = new ArrayList<>(a.layers());
        DenseLayer head = layers.getLast();
        float[] w = head.weights();
        float[] b = head.bias();
        edit.edit(w, b, head.inputs(), head.outputs());
        layers.set(layers.size() - 1, new DenseLayer(head.inputs(), head.outputs(), w, b));
        return new ActorNetwork(a.normalizer(), layers, a.hidden(), a.actionLow(), a.actionHigh());
    }

    private static PolicyBundle export(ActorNetwork actor, Path dir, int version, long seed, KeyPair keys) {
        Provenance p = SHIPPED.manifest().provenance();
        Provenance q = new Provenance(p.gitCommit(), p.trainerConfig(), p.envSteps(), p.evaluationReturns(), seed,
                p.randomization(), p.actionLatencySteps());
        return PolicyExporter.export(Tasks.byId(BalancerTask.ID), actor, q, version, SHIPPED.manifest().onnxSha256(), dir,
                keys);
    }
}
