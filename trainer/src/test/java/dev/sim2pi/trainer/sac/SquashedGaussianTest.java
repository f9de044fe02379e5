package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SquashedGaussianTest {

    /** log density of a = tanh(u), u ~ N(mean, std), by the change of variables written out independently. */
    private static double referenceLogDensity(double a, double mean, double std) {
        double u = 0.5 * Math.log((1 + a) / (1 - a));
        double z = (u - mean) / std;
        double gaussian = -0.5 * z * z - Math.log(std) - 0.5 * Math.log(2 * Math.PI);
        return gaussian - Math.log(1 - a * a);
    }

    @Test
    void logProbabilityMatchesChangeOfVariablesReference() {
        double logStdMin = -5;
        double logStdMax = 2;
        double[][] cases = {{0.3, -0.4, 0.7}, {-1.2, 0.9, -1.5}, {2.0, 1.3, 0.1}, {0.0, -2.0, 3.0}};
        for (double[] c : cases) {
            float[][] head = {{(float) c[0], (float) c[1]}};
            float[][] eps = {{(float) c[2]}};
            float[][] action = new float[1][1];
            float[] logp = new float[1];
            SquashedGaussian.sample(head, eps, 1, 1, logStdMin, logStdMax, action, logp, null, null);
            double std = Math.exp(SquashedGaussian.logStd(head[0][1], logStdMin, logStdMax));
            double expected = referenceLogDensity(action[0][0], head[0][0], std);
            assertEquals(expected, logp[0], 2e-3 * Math.max(1, Math.abs(expected)), "case " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void squashedDensityIntegratesToOne() {
        // Integrate exp(log p(a)) over (-1, 1) with the midpoint rule in u = atanh(a), where it is smooth.
        double mean = 0.4;
        double raw = -0.3;
        double logStd = SquashedGaussian.logStd(raw, -5, 2);
        double std = Math.exp(logStd);
        double sum = 0;
        int n = 20000;
        double lo = mean - 10 * std;
        double hi = mean + 10 * std;
        double du = (hi - lo) / n;
        for (int k = 0; k < n; k++) {
            double u = lo + (k + 0.5) * du;
            double eps = (u - mean) / std;
            double logp = SquashedGaussian.gaussianLogDensity(eps, logStd) - SquashedGaussian.logOneMinusTanhSquared(u);
            double da = (1 - Math.tanh(u) * Math.tanh(u)) * du;
            sum += Math.exp(logp) * da;
        }
        assertEquals(1.0, sum, 1e-4);
    }

    @Test
    void tanhCorrectionStaysFiniteWhereTanhRoundsToOne() {
        double direct = Math.log(1 - Math.tanh(3.0) * Math.tanh(3.0));
        assertEquals(direct, SquashedGaussian.logOneMinusTanhSquared(3.0), 1e-9);
        double far = SquashedGaussian.logOneMinusTanhSquared(40.0);
        assertEquals(2 * (Math.log(2) - 40.0), far, 1e-9);
    }
}
