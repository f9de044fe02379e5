package dev.sim2pi.trainer.nn;

/**
 * The parameters (or gradients, or optimizer moments) of one {@link MlpShape} as row arrays:
 * {@code w[l][i]} holds the weights leaving input {@code i} of layer {@code l}, {@code b[l]} the
 * layer's bias. Converts to and from the flat {@link MlpShape} layout for checkpoints and export.
 */
public final class MlpWeights {

    public final MlpShape shape;
    public final float[][][] w;
    public final float[][] b;

    public MlpWeights(MlpShape shape) {
        this.shape = shape;
        int layers = shape.layers();
        this.w = new float[layers][][];
        this.b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new float[shape.size(l)][shape.size(l + 1)];
            b[l] = new float[shape.size(l + 1)];
        }
    }

    /** Reads the flat layout at {@code offset}. */
    public void read(float[] flat, int offset) {
        for (int l = 0; l < shape.layers(); l++) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            int wo = offset + shape.weightOffset(l);
            for (int i = 0; i < in; i++) {
                System.arraycopy(flat, wo + i * out, w[l][i], 0, out);
            }
            System.arraycopy(flat, offset + shape.biasOffset(l), b[l], 0, out);
        }
    }

    /** Writes the flat layout at {@code offset}. */
    public void write(float[] flat, int offset) {
        for (int l = 0; l < shape.layers(); l++) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            int wo = offset + shape.weightOffset(l);
            for (int i = 0; i < in; i++) {
                System.arraycopy(w[l][i], 0, flat, wo + i * out, out);
            }
            System.arraycopy(b[l], 0, flat, offset + shape.biasOffset(l), out);
        }
    }

    public void zero() {
        for (int l = 0; l < shape.layers(); l++) {
            for (float[] row : w[l]) {
                java.util.Arrays.fill(row, 0f);
            }
            java.util.Arrays.fill(b[l], 0f);
        }
    }

    /** {@code this = (1 - tau) this + tau source}: the Polyak step of a target network. */
    public void polyak(MlpWeights source, float tau) {
        float keep = 1 - tau;
        for (int l = 0; l < shape.layers(); l++) {
            for (int i = 0; i < w[l].length; i++) {
                blend(w[l][i], source.w[l][i], keep, tau);
            }
            blend(b[l], source.b[l], keep, tau);
        }
    }

    private static void blend(float[] t, float[] s, float keep, float tau) {
        for (int j = 0; j < t.length; j++) {
            t[j] = keep * t[j] + tau * s[j];
        }
    }

    /** Writes each layer's weights transposed ({@code [out][in]}) into {@code wt}. */
    public void transposeInto(float[][][] wt) {
        for (int l = 0; l < shape.layers(); l++) {
            float[][] src = w[l];
            float[][] dst = wt[l];
            for (int i = 0; i < src.length; i++) {
                float[] row = src[i];
                for (int j = 0; j < row.length; j++) {
                    dst[j][i] = row[j];
                }
            }
        }
    }

    /** Fresh storage for {@link #transposeInto}. */
    public float[][][] newTransposed() {
        float[][][] wt = new float[shape.layers()][][];
        for (int l = 0; l < shape.layers(); l++) {
            wt[l] = new float[shape.size(l + 1)][shape.size(l)];
        }
        return wt;
    }
}
