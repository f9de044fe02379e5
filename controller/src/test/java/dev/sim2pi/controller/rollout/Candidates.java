package dev.sim2pi.controller.rollout;

import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.tasks.BalancerTask;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Balancer bundles for release tests: the shipped policy re-released, and a broken one that drives one wheel. */
final class Candidates {

    static final PolicyBundle SHIPPED = SimRig.shippedBalancer();

    private Candidates() {
    }

    /** The shipped policy as release {@code version}; {@code seed} makes its model hash differ between releases. */
    static PolicyBundle good(Path dir, int version, long seed, KeyPair keys) {
        return export(SHIPPED.actor(), dir, version, seed, keys);
    }

    /** The shipped policy with its right wheel's output cut to zero duty: it balances on one motor, badly. */
    static PolicyBundle oneWheel(Path dir, int version, KeyPair keys) {
        ActorNetwork a = SHIPPED.actor();
        List<DenseLayer> layers = new ArrayList<>(a.layers());
        DenseLayer head = layers.getLast();
        float[] w = head.weights();
        float[] b = head.bias();
        for (int i = 0; i < head.inputs(); i++) {
            w[i * head.outputs() + BalancerTask.DUTY_RIGHT] = 0;
        }
        b[BalancerTask.DUTY_RIGHT] = 0; // tanh(0) = 0: the middle of [-1, 1], no drive
        layers.set(layers.size() - 1, new DenseLayer(head.inputs(), head.outputs(), w, b));
        ActorNetwork broken = new ActorNetwork(a.normalizer(), layers, a.hidden(), a.actionLow(), a.actionHigh());
        return export(broken, dir, version, 99, keys);
    }

    private static PolicyBundle export(ActorNetwork actor, Path dir, int version, long seed, KeyPair keys) {
        Provenance p = SHIPPED.manifest().provenance();
        Provenance q = new Provenance(p.gitCommit(), p.trainerConfig(), p.envSteps(), p.evaluationReturns(), seed,
                p.randomization(), p.actionLatencySteps());
        return PolicyExporter.export(dev.sim2pi.models.task.Tasks.byId(BalancerTask.ID), actor, q, version, SHIPPED.manifest().onnxSha256(), dir, keys);
    }
}
