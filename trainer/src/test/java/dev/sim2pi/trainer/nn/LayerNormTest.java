package dev.sim2pi.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

/** Layer normalization in the critics: what it computes, and its backward pass against finite differences. */
class LayerNormTest {

    private static final MlpShape SHAPE = new MlpShape(4, 6, 5, 1);
    private static final int BATCH = 3;

    @Test
    void rowsComeOutCentredWithUnitVariance() {
        Rng rng = new Rng(3);
        float[][] z = new float[2][7];
        for (float[] row : z) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) (5 + 3 * rng.gaussian());
            }
        }
        float[][] y = new float[2][7];
        float[] inv = new float[2];
        LayerNorm.forward(z, 2, 7, y, inv);
        for (float[] row : y) {
            double mean = 0;
            double sq = 0;
            for (float v : row) {
                mean += v / 7.0;
            }
            for (float v : row) {
                sq += (v - mean) * (v - mean) / 7.0;
            }
            assertEquals(0, mean, 1e-6);
            // The variance is var / (var + eps): 1 up to the epsilon over a variance near 9.
            assertEquals(1, sq, 1e-5);
        }
    }

    @Test
    void normalizingChangesTheNetworksOutput() {
        MlpWeights w = randomWeights(11);
        float[][] x = randomRows(12);
        float plain = new Mlp(SHAPE, BATCH, false).forward(w, x, BATCH)[0][0];
        float normed = new Mlp(SHAPE, BATCH, true).forward(w, x, BATCH)[0][0];
        assertNotEquals(plain, normed);
    }

    @Test
    void backwardMatchesFiniteDifferencesForInputsAndWeights() {
        for (long seed = 1; seed <= 3; seed++) {
            MlpWeights w = randomWeights(seed);
            float[][] x = randomRows(seed + 100);
            float[][] c = new float[BATCH][1];
            Rng rng = new Rng(seed + 200);
            for (float[] row : c) {
                row[0] = (float) rng.uniform(-1, 1);
            }
            Mlp net = new Mlp(SHAPE, BATCH, true);
            net.forward(w, x, BATCH);
            MlpWeights grad = new MlpWeights(SHAPE);
            float[][] dx = new float[BATCH][SHAPE.inputSize()];
            float[][][] wt = w.newTransposed();
            w.transposeInto(wt);
            net.backward(wt, c, grad, dx);

            double h = 1e-3;
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < SHAPE.inputSize(); i++) {
                    float keep = x[b][i];
                    x[b][i] = (float) (keep + h);
                    double up = loss(net, w, x, c);
                    x[b][i] = (float) (keep - h);
                    double down = loss(net, w, x, c);
                    x[b][i] = keep;
                    assertClose((up - down) / (2 * h), dx[b][i], "d loss / d x[" + b + "][" + i + "]");
                }
            }
            for (int l = 0; l < SHAPE.layers(); l++) {
                for (int i = 0; i < w.w[l].length; i++) {
                    for (int j = 0; j < w.w[l][i].length; j++) {
                        float keep = w.w[l][i][j];
                        w.w[l][i][j] = (float) (keep + h);
                        double up = loss(net, w, x, c);
                        w.w[l][i][j] = (float) (keep - h);
                        double down = loss(net, w, x, c);
                        w.w[l][i][j] = keep;
                        assertClose((up - down) / (2 * h), grad.w[l][i][j], "d loss / d w" + l + "[" + i + "][" + j + "]");
                    }
                }
                for (int j = 0; j < w.b[l].length; j++) {
                    float keep = w.b[l][j];
                    w.b[l][j] = (float) (keep + h);
                    double up = loss(net, w, x, c);
                    w.b[l][j] = (float) (keep - h);
                    double down = loss(net, w, x, c);
                    w.b[l][j] = keep;
                    assertClose((up - down) / (2 * h), grad.b[l][j], "d loss / d b" + l + "[" + j + "]");
                }
            }
        }
    }

    private static double loss(Mlp net, MlpWeights w, float[][] x, float[][] c) {
        float[][] out = net.forward(w, x, BATCH);
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            sum += (double) c[b][0] * out[b][0];
        }
        return sum;
    }

    private static void assertClose(double numeric, double analytic, String what) {
        assertEquals(numeric, analytic, 3e-3 + 1e-2 * Math.abs(numeric), what);
    }

    private static MlpWeights randomWeights(long seed) {
        Rng rng = new Rng(seed);
        MlpWeights w = new MlpWeights(SHAPE);
        for (int l = 0; l < SHAPE.layers(); l++) {
            for (float[] row : w.w[l]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) rng.uniform(-1, 1);
                }
            }
            for (int j = 0; j < w.b[l].length; j++) {
                w.b[l][j] = (float) rng.uniform(-0.5, 0.5);
            }
        }
        return w;
    }

    private static float[][] randomRows(long seed) {
        Rng rng = new Rng(seed);
        float[][] x = new float[BATCH][SHAPE.inputSize()];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) rng.gaussian();
            }
        }
        return x;
    }
}
