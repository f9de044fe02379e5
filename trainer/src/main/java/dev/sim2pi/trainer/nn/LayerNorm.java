package dev.sim2pi.trainer.nn;

/**
 * Layer normalization without learned gain or shift ({@code elementwise_affine=False} in PyTorch
 * terms): each row is centred on its own mean and divided by its own standard deviation,
 * {@code y = (z - mean(z)) / sqrt(var(z) + eps)}. The hidden layers of RLPD's critics use it to
 * keep Q-values from extrapolating wildly on actions the data never showed; leaving out the
 * affine parameters keeps the parameter layout (checkpoints, warm starts, export) the same with
 * and without it. Allocation-free kernels over row arrays.
 */
public final class LayerNorm {

    /** Added to the variance, as PyTorch's default. */
    public static final float EPSILON = 1e-5f;

    private LayerNorm() {
    }

    /**
     * Normalizes rows {@code z[0..batch)} of width {@code width} into {@code y} and records each
     * row's {@code 1 / sqrt(var + eps)} in {@code invStd} for the backward pass.
     */
    public static void forward(float[][] z, int batch, int width, float[][] y, float[] invStd) {
        for (int b = 0; b < batch; b++) {
            float[] zr = z[b];
            float[] yr = y[b];
            double sum = 0;
            for (int k = 0; k < width; k++) {
                sum += zr[k];
            }
            float mean = (float) (sum / width);
            double sq = 0;
            for (int k = 0; k < width; k++) {
                float d = zr[k] - mean;
                sq += d * d;
            }
            float inv = (float) (1 / Math.sqrt(sq / width + EPSILON));
            invStd[b] = inv;
            for (int k = 0; k < width; k++) {
                yr[k] = (zr[k] - mean) * inv;
            }
        }
    }

    /**
     * Turns the gradient with respect to the output {@code y} into the gradient with respect to
     * the input, in place: {@code dz = invStd * (dy - mean(dy) - y * mean(dy * y))}.
     */
    public static void backward(float[][] grad, float[][] y, float[] invStd, int batch, int width) {
        for (int b = 0; b < batch; b++) {
            float[] g = grad[b];
            float[] yr = y[b];
            double sumG = 0;
            double sumGy = 0;
            for (int k = 0; k < width; k++) {
                sumG += g[k];
                sumGy += g[k] * yr[k];
            }
            float meanG = (float) (sumG / width);
            float meanGy = (float) (sumGy / width);
            float inv = invStd[b];
            for (int k = 0; k < width; k++) {
                g[k] = inv * (g[k] - meanG - yr[k] * meanGy);
            }
        }
    }
}
