package dev.sim2pi.models.bundle.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.bundle.TestActors;
import dev.sim2pi.models.task.RobotTask;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ONNX Runtime and the plain-Java forward agree within 1e-5 on 1,000 random observations. */
class PolicyRunnerParityTest {

    private static final double TOLERANCE = 1e-5;
    private static final int OBSERVATIONS = 1_000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1} clip={2}")
    @CsvSource({"balancer, relu, true", "balancer, tanh, false", "pendulum, relu, false", "pendulum, tanh, true"})
    void onnxRuntimeMatchesJavaForwardAtBatch1And64(String which, String activation, boolean clip) {
        RobotTask task = TestActors.task(which);
        ActorNetwork actor = TestActors.random(task, new int[] {64, 64}, Activation.of(activation), 21, clip);
        PolicyBundle bundle = PolicyExporter.export(task, actor, Provenance.untrained(3), tmp.resolve(which), null);
        int n = task.observationSize();
        int m = task.actions().size();
        float[] obs = new float[OBSERVATIONS * n];
        Random r = new Random(5);
        for (int i = 0; i < obs.length; i++) {
            // Wide enough to reach saturation and the clip, where differences would show.
            obs[i] = (float) (r.nextGaussian() * 3);
        }
        float[] java = new float[OBSERVATIONS * m];
        float[] single = new float[OBSERVATIONS * m];
        float[] batched = new float[OBSERVATIONS * m];
        try (JavaPolicyRunner j = new JavaPolicyRunner(actor); OnnxPolicyRunner o = bundle.openOnnx()) {
            for (int k = 0; k < OBSERVATIONS; k++) {
                j.act(obs, k * n, java, k * m);
                o.act(obs, k * n, single, k * m);
            }
            float[] in = new float[64 * n];
            float[] out = new float[64 * m];
            for (int start = 0; start < OBSERVATIONS; start += 64) {
                int b = Math.min(64, OBSERVATIONS - start);
                System.arraycopy(obs, start * n, in, 0, b * n);
                o.actBatch(in, b, out);
                System.arraycopy(out, 0, batched, start * m, b * m);
            }
        }
        double worstSingle = 0;
        double worstBatched = 0;
        for (int i = 0; i < java.length; i++) {
            worstSingle = Math.max(worstSingle, Math.abs(single[i] - java[i]));
            worstBatched = Math.max(worstBatched, Math.abs(batched[i] - java[i]));
        }
        assertTrue(worstSingle <= TOLERANCE, "batch 1: max |onnx - java| = " + worstSingle);
        assertTrue(worstBatched <= TOLERANCE, "batch 64: max |onnx - java| = " + worstBatched);
    }
}
