package dev.sim2pi.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MlpWeightsTest {

    @Test
    void polyakMovesTargetTauOfTheWayToTheSource() {
        MlpShape shape = new MlpShape(3, 4, 1);
        float[] t = new float[shape.parameterCount()];
        float[] s = new float[shape.parameterCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
            s[i] = 100 - i;
        }
        MlpWeights target = new MlpWeights(shape);
        MlpWeights source = new MlpWeights(shape);
        target.read(t, 0);
        source.read(s, 0);
        target.polyak(source, 0.005f);
        float[] out = new float[t.length];
        target.write(out, 0);
        for (int i = 0; i < t.length; i++) {
            assertEquals(0.995f * t[i] + 0.005f * s[i], out[i], 1e-4f);
        }
        target.polyak(source, 1f);
        target.write(out, 0);
        assertArrayEquals(s, out);
    }

    @Test
    void flatLayoutRoundTrips() {
        MlpShape shape = new MlpShape(5, 7, 3, 2);
        float[] flat = new float[shape.parameterCount()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i * 0.25f;
        }
        MlpWeights w = new MlpWeights(shape);
        w.read(flat, 0);
        assertEquals(flat[shape.weightOffset(1) + 2 * 3 + 1], w.w[1][2][1]);
        assertEquals(flat[shape.biasOffset(2) + 1], w.b[2][1]);
        float[] back = new float[flat.length];
        w.write(back, 0);
        assertArrayEquals(flat, back);
    }
}
