package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.Normalizer;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.trainer.nn.MlpShape;
import dev.sim2pi.trainer.nn.MlpWeights;
import dev.sim2pi.trainer.sac.SacState;
import dev.sim2pi.trainer.sac.SacTrainer;
import dev.sim2pi.trainer.sac.SquashedGaussian;
import java.util.List;

/**
 * Starts a learner from a policy bundle alone (the shipped bundles carry no checkpoint): the
 * actor's hidden layers and mean head are the weights our exporter wrote into the ONNX graph
 * (read back from its initializers), the observation scaling is the graph's normalizer, frozen.
 * What a bundle does not hold is made fresh: the log-std head (weights 0, bias giving a
 * pre-squash standard deviation of {@value #INITIAL_STD} everywhere), both critics and their
 * targets (seeded), the Adam moments and the temperature ({@code initial_alpha}). Before the first
 * update the deterministic policy is the bundle's, up to float rounding of the normalizer.
 */
public final class BundleWarmStart {

    /** Pre-squash standard deviation of the fresh log-std head: exploration around the parent's actions. */
    public static final double INITIAL_STD = 0.2;

    private BundleWarmStart() {
    }

    /**
     * Loads {@code bundle}'s actor and normalizer into {@code trainer} (whose config must have the
     * bundle's hidden widths and normalize observations); {@code normalizerCount} is how many
     * observations the frozen statistics stand for in a later checkpoint.
     */
    public static void apply(PolicyBundle bundle, SacTrainer trainer, long seed, long normalizerCount) {
        ActorNetwork actor = bundle.actor();
        String where = bundle.source() + ": ";
        if (actor.hidden() != Activation.RELU) {
            throw new InputException(where + "hidden activation is " + actor.hidden().id()
                    + "; fine-tuning continues ReLU actors (what sim2pi train exports)");
        }
        Normalizer norm = actor.normalizer();
        if (norm.clips()) {
            throw new InputException(where + "its normalizer clips at " + norm.clip()
                    + "; the trainer's normalizer does not clip, so the actor could not be continued exactly");
        }
        if (!trainer.normalizer().enabled()) {
            throw new InputException(where + "the config has normalize_observations false; a bundle's actor "
                    + "expects its own normalizer, so fine-tuning needs normalize_observations true");
        }
        SacState state = SacState.forConfig(trainer.config(), actor.observationSize(), actor.actionSize());
        List<Integer> want = sizes(state.actorShape);
        List<Integer> have = actor.layerSizes();
        if (!have.subList(0, have.size() - 1).equals(want.subList(0, want.size() - 1))) {
            throw new InputException(where + "network is " + have + " but the fine-tuning config's actor is "
                    + want.subList(0, want.size() - 1) + " then the policy head; set actor_hidden to "
                    + have.subList(1, have.size() - 1));
        }
        state.initialize(seed, trainer.config().initialAlpha());
        MlpWeights w = new MlpWeights(state.actorShape);
        w.read(state.actor, 0);
        int last = state.actorShape.layers() - 1;
        for (int l = 0; l <= last; l++) {
            DenseLayer layer = actor.layers().get(l);
            float[] weights = layer.weights();
            float[] bias = layer.bias();
            int out = layer.outputs();
            for (int i = 0; i < layer.inputs(); i++) {
                java.util.Arrays.fill(w.w[l][i], 0f);
                System.arraycopy(weights, i * out, w.w[l][i], 0, out);
            }
            System.arraycopy(bias, 0, w.b[l], 0, out);
        }
        int a = actor.actionSize();
        float raw = (float) rawForStd(INITIAL_STD, trainer.config().logStdMin(), trainer.config().logStdMax());
        for (int j = 0; j < a; j++) {
            w.b[last][a + j] = raw;
        }
        w.write(state.actor, 0);
        trainer.engine().importState(state);
        trainer.normalizer().fix(norm.mean(), norm.std(), Math.max(normalizerCount, 2));
    }

    /** The log-std head output whose standard deviation is {@code std} (inverse of {@link SquashedGaussian#logStd}). */
    static double rawForStd(double std, double logStdMin, double logStdMax) {
        double unit = 2 * (Math.log(std) - logStdMin) / (logStdMax - logStdMin) - 1;
        double clamped = Math.max(-0.999, Math.min(0.999, unit));
        return 0.5 * Math.log((1 + clamped) / (1 - clamped));
    }

    private static List<Integer> sizes(MlpShape shape) {
        java.util.ArrayList<Integer> s = new java.util.ArrayList<>();
        for (int k = 0; k <= shape.layers(); k++) {
            s.add(shape.size(k));
        }
        return s;
    }
}
