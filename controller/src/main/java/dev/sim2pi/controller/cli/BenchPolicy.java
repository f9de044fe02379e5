package dev.sim2pi.controller.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.Normalizer;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.task.RobotTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded random policy with two hidden layers of 64 for a task: what the loop bench runs. */
final class BenchPolicy {

    private BenchPolicy() {
    }

    static PolicyBundle twoBy64(RobotTask task, long seed) {
        int[] widths = {task.observationSize(), 64, 64, task.actions().size()};
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
        ActorNetwork actor = ActorNetwork.forTask(task, Normalizer.identity(widths[0]), layers, Activation.RELU);
        try {
            Path dir = Files.createTempDirectory("sim2pi-bench-loop");
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
