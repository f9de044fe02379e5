package dev.sim2pi.trainer.sac;

/**
 * The tanh-squashed diagonal Gaussian policy head. The actor's output row holds {@code A} means
 * then {@code A} unbounded log-std parameters, which are mapped smoothly into
 * {@code [logStdMin, logStdMax]}. Sampling is reparameterized ({@code u = mean + std * eps},
 * {@code a = tanh(u)}) and the log-probability carries the exact change-of-variables term
 * {@code -sum log(1 - tanh(u)^2)}, computed as {@code 2 (log 2 - u - softplus(-2u))} so it stays
 * finite where {@code tanh(u)} rounds to 1.
 */
public final class SquashedGaussian {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_TWO = Math.log(2);

    private SquashedGaussian() {
    }

    /** The log standard deviation for head parameter {@code raw}. */
    public static double logStd(double raw, double logStdMin, double logStdMax) {
        return logStdMin + 0.5 * (logStdMax - logStdMin) * (Math.tanh(raw) + 1);
    }

    /** {@code log(1 - tanh(u)^2)}, stable for large |u|. */
    public static double logOneMinusTanhSquared(double u) {
        return 2 * (LOG_TWO - u - softplus(-2 * u));
    }

    public static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    /** Log density of a standard normal at {@code eps}, minus {@code logStd} (the Gaussian part for one dimension). */
    public static double gaussianLogDensity(double eps, double logStd) {
        return -0.5 * eps * eps - logStd - HALF_LOG_TWO_PI;
    }

    /**
     * Samples squashed actions for {@code batch} rows of actor output ({@code A} means then
     * {@code A} log-std parameters per row) with noise {@code eps}. Writes actions and
     * log-probabilities; when {@code preTanh}/{@code logStds} are non-null, also the pre-squash
     * samples and log stds the backward pass needs.
     */
    public static void sample(float[][] head, float[][] eps, int batch, int actionSize, double logStdMin,
                              double logStdMax, float[][] actions, float[] logProbs, float[][] preTanh,
                              float[][] logStds) {
        for (int b = 0; b < batch; b++) {
            float[] h = head[b];
            double logp = 0;
            for (int j = 0; j < actionSize; j++) {
                double ls = logStd(h[actionSize + j], logStdMin, logStdMax);
                double e = eps[b][j];
                double u = h[j] + Math.exp(ls) * e;
                actions[b][j] = (float) Math.tanh(u);
                logp += gaussianLogDensity(e, ls) - logOneMinusTanhSquared(u);
                if (preTanh != null) {
                    preTanh[b][j] = (float) u;
                    logStds[b][j] = (float) ls;
                }
            }
            logProbs[b] = (float) logp;
        }
    }

    /** The deterministic action {@code tanh(mean)} for {@code batch} rows of actor output. */
    public static void deterministic(float[][] head, int batch, int actionSize, float[][] actions) {
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < actionSize; j++) {
                actions[b][j] = (float) Math.tanh(head[b][j]);
            }
        }
    }
}
