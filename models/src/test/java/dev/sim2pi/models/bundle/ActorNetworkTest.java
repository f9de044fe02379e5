package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.inference.JavaPolicyRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorNetworkTest {

    @Test
    void outputMajorWeightsAreTransposedToInputMajor() {
        // PyTorch Linear(2 -> 3): weight[out][in]
        float[] outIn = {1, 2, 3, 4, 5, 6};
        DenseLayer layer = DenseLayer.fromOutputMajor(2, 3, outIn, new float[3]);
        assertArrayEquals(DenseLayer.of(new float[][] {{1, 3, 5}, {2, 4, 6}}, new float[3]).weights(), layer.weights());
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, layer.weights());
        assertEquals(4f, layer.weight(1, 1));
    }

    @Test
    void forwardPassIsTheDocumentedFormula() {
        // One hidden relu unit and a linear head: action = mid + half * tanh(w2 * relu(w1 * (x - m) / s + b1) + b2)
        Normalizer norm = new Normalizer(new float[] {1f}, new float[] {2f}, Float.POSITIVE_INFINITY);
        ActorNetwork actor = new ActorNetwork(norm, List.of(
                DenseLayer.of(new float[][] {{3f}}, new float[] {0.5f}),
                DenseLayer.of(new float[][] {{0.25f}}, new float[] {-0.1f})), Activation.RELU,
                new float[] {-1f}, new float[] {3f});
        float[] out = new float[1];
        new JavaPolicyRunner(actor).act(new float[] {2f}, 0, out, 0);
        double hidden = Math.max(0, 3 * ((2 - 1) / 2.0) + 0.5);
        assertEquals(1 + 2 * Math.tanh(0.25 * hidden - 0.1), out[0], 1e-6);
    }

    @Test
    void nonFiniteWeightsAreRefusedBeforeExport() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActorNetwork(
                Normalizer.identity(1), List.of(DenseLayer.of(new float[][] {{Float.NaN}}, new float[1])),
                Activation.RELU, new float[] {-1}, new float[] {1}));
        assertTrue(e.getMessage().contains("layer 0 weights"), e.getMessage());
    }

    @Test
    void mismatchedLayerWidthsAreRefusedNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActorNetwork(
                Normalizer.identity(2), List.of(DenseLayer.of(new float[][] {{1f}}, new float[1])),
                Activation.RELU, new float[] {-1}, new float[] {1}));
        assertEquals("layer 0 takes 1 inputs, expected 2 (the normalizer's size)", e.getMessage());
    }

    @Test
    void exporterRefusesAnActionRangeOtherThanTheTasks() {
        ActorNetwork actor = TestTasks.randomActor(TestTasks.PENDULUM, new int[] {4}, Activation.RELU, 1, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyExporter.export(
                TestTasks.PENDULUM_STRONGER, actor, Provenance.untrained(1), java.nio.file.Path.of("unused"), null));
        assertTrue(e.getMessage().contains("torque"), e.getMessage());
    }
}
