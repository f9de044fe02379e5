package dev.sim2pi.trainer.nn;

/**
 * Kernels of one fully connected layer. Every vector is its own row array ({@code x[b]} is
 * sample {@code b}'s input, {@code w[i]} the weights leaving input {@code i}) so the inner loops
 * run over whole arrays from index 0: HotSpot vectorizes those, but not loops over two slices of
 * flat arrays at different offsets (it cannot rule out that they overlap). Four rows are fused
 * per pass to amortize loop overhead on short (64-wide) rows, and zero inputs (ReLU outputs)
 * and zero upstream gradients are skipped.
 */
public final class Dense {

    private Dense() {
    }

    /** {@code y[b] = x[b] W + bias}, then ReLU when {@code relu}. {@code nz} is scratch of length {@code in}. */
    public static void forward(float[][] x, int batch, int in, int out, float[][] w, float[] bias,
                               float[][] y, boolean relu, int[] nz) {
        for (int b = 0; b < batch; b++) {
            float[] xr = x[b];
            float[] yr = y[b];
            System.arraycopy(bias, 0, yr, 0, out);
            int k = 0;
            for (int i = 0; i < in; i++) {
                nz[k] = i;
                k += xr[i] != 0f ? 1 : 0;
            }
            int q = 0;
            for (; q + 3 < k; q += 4) {
                int i0 = nz[q];
                int i1 = nz[q + 1];
                int i2 = nz[q + 2];
                int i3 = nz[q + 3];
                axpy4(yr, out, xr[i0], w[i0], xr[i1], w[i1], xr[i2], w[i2], xr[i3], w[i3]);
            }
            for (; q < k; q++) {
                axpy(yr, out, xr[nz[q]], w[nz[q]]);
            }
            if (relu) {
                for (int j = 0; j < out; j++) {
                    yr[j] = Math.max(yr[j], 0f);
                }
            }
        }
    }

    /** Adds the weight and bias gradients for upstream gradient {@code dy} into {@code gw}, {@code gb}. */
    public static void accumulateWeightGrad(float[][] x, float[][] dy, int batch, int in, int out,
                                            float[][] gw, float[] gb, int[] nz) {
        int b = 0;
        for (; b + 3 < batch; b += 4) {
            axpy4(gb, out, 1f, dy[b], 1f, dy[b + 1], 1f, dy[b + 2], 1f, dy[b + 3]);
        }
        for (; b < batch; b++) {
            axpy(gb, out, 1f, dy[b]);
        }
        for (int i = 0; i < in; i++) {
            int k = 0;
            for (int s = 0; s < batch; s++) {
                nz[k] = s;
                k += x[s][i] != 0f ? 1 : 0;
            }
            float[] g = gw[i];
            int q = 0;
            for (; q + 3 < k; q += 4) {
                int b0 = nz[q];
                int b1 = nz[q + 1];
                int b2 = nz[q + 2];
                int b3 = nz[q + 3];
                axpy4(g, out, x[b0][i], dy[b0], x[b1][i], dy[b1], x[b2][i], dy[b2], x[b3][i], dy[b3]);
            }
            for (; q < k; q++) {
                axpy(g, out, x[nz[q]][i], dy[nz[q]]);
            }
        }
    }

    /** {@code dx[b] = dy[b] W^T} from the transposed weights {@code wt[out][in]}. */
    public static void inputGrad(float[][] dy, int batch, int in, int out, float[][] wt, float[][] dx, int[] nz) {
        for (int b = 0; b < batch; b++) {
            float[] d = dy[b];
            float[] r = dx[b];
            java.util.Arrays.fill(r, 0, in, 0f);
            int k = 0;
            for (int j = 0; j < out; j++) {
                nz[k] = j;
                k += d[j] != 0f ? 1 : 0;
            }
            int q = 0;
            for (; q + 3 < k; q += 4) {
                int j0 = nz[q];
                int j1 = nz[q + 1];
                int j2 = nz[q + 2];
                int j3 = nz[q + 3];
                axpy4(r, in, d[j0], wt[j0], d[j1], wt[j1], d[j2], wt[j2], d[j3], wt[j3]);
            }
            for (; q < k; q++) {
                axpy(r, in, d[nz[q]], wt[nz[q]]);
            }
        }
    }

    /**
     * Zeroes gradient entries whose ReLU output was zero. The mask {@code min(a * 2^100, 1)} is 1
     * for every positive normal float and 0 for zero, written with min and multiply so the loop
     * vectorizes instead of branching on a coin flip per element.
     */
    public static void reluBackward(float[][] grad, float[][] activation, int batch, int width) {
        for (int b = 0; b < batch; b++) {
            float[] g = grad[b];
            float[] a = activation[b];
            for (int k = 0; k < width; k++) {
                g[k] *= Math.min(a[k] * 0x1p100f, 1f);
            }
        }
    }

    static void axpy(float[] y, int n, float s, float[] v) {
        for (int j = 0; j < n; j++) {
            y[j] += s * v[j];
        }
    }

    static void axpy4(float[] y, int n, float s0, float[] v0, float s1, float[] v1, float s2, float[] v2,
                      float s3, float[] v3) {
        for (int j = 0; j < n; j++) {
            y[j] += s0 * v0[j] + s1 * v1[j] + s2 * v2[j] + s3 * v3[j];
        }
    }
}
