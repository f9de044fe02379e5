package dev.sim2pi.trainer.run;

import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.Normalizer;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.trainer.nn.MlpShape;
import dev.sim2pi.trainer.nn.MlpWeights;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a trained {@link PolicySnapshot} into a policy bundle (deterministic actor: the mean head only). */
public final class BundleExport {

    private BundleExport() {
    }

    /** The deterministic actor of {@code policy} for {@code task}: normalizer, hidden layers, mean head. */
    public static ActorNetwork actor(RobotTask task, PolicySnapshot policy) {
        MlpShape shape = policy.actorShape();
        MlpWeights w = new MlpWeights(shape);
        w.read(policy.actor(), 0);
        int last = shape.layers() - 1;
        int actions = policy.actionSize();
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < last; l++) {
            layers.add(DenseLayer.of(w.w[l], w.b[l]));
        }
        float[][] head = new float[shape.size(last)][actions];
        for (int i = 0; i < head.length; i++) {
            System.arraycopy(w.w[last][i], 0, head[i], 0, actions);
        }
        float[] headBias = java.util.Arrays.copyOf(w.b[last], actions);
        layers.add(DenseLayer.of(head, headBias));
        return ActorNetwork.forTask(task, Normalizer.of(policy.obsMean(), policy.obsStd()), layers, Activation.RELU);
    }

    /** Exports and verifies the bundle folder {@code dir}. */
    public static PolicyBundle export(RobotTask task, PolicySnapshot policy, Provenance provenance, Path dir) {
        return PolicyExporter.export(task, actor(task, policy), provenance, dir, null);
    }
}
