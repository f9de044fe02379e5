package dev.sim2pi.models.bundle;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, untrained policy bundle of a given shape for a task: what benchmarks run when the
 * figure of interest is the cost of inference, not what the policy does.
 */
public final class RandomPolicy {

    private RandomPolicy() {
    }

    /**
     * He-initialised weights (small random biases) for layers {@code task.observationSize()} →
     * {@code hidden…} → {@code task.actions().size()}, verified and exported like a trained bundle.
     */
    public static PolicyBundle bundle(RobotTask task, int[] hidden, Activation activation, long seed) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = task.observationSize();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = task.actions().size();
        Random r = new Random(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            float[] w = new float[widths[k - 1] * widths[k]];
            float[] b = new float[widths[k]];
            double scale = Math.sqrt(2.0 / widths[k - 1]);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() * scale);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (r.nextGaussian() * 0.1);
            }
            layers.add(new DenseLayer(widths[k - 1], widths[k], w, b));
        }
        ActorNetwork actor = ActorNetwork.forTask(task, Normalizer.identity(widths[0]), layers, activation);
        try {
            Path dir = Files.createTempDirectory("sim2pi-random-policy");
            PolicyBundle bundle = PolicyExporter.export(task, actor, Provenance.untrained(seed), dir, null);
            Files.delete(dir.resolve(PolicyBundle.ONNX_FILE));
            Files.delete(dir.resolve(PolicyBundle.MANIFEST_FILE));
            Files.delete(dir);
            return bundle;
        } catch (IOException e) {
            throw new InputException("cannot write a temporary bundle: " + e.getMessage(), e);
        }
    }
}
