package dev.sim2pi.trainer.nn;

/**
 * Forward and backward passes of one {@link MlpShape} (ReLU hidden layers, linear output) with
 * preallocated activations for up to {@code maxBatch} rows. Parameters are passed in, so one
 * instance evaluates a network or its target copy. With {@code layerNorm}, every hidden layer is
 * {@code relu(LayerNorm(x W + b))} ({@link LayerNorm}, no learned affine). Allocation-free after
 * construction.
 */
public final class Mlp {

    private final MlpShape shape;
    private final int maxBatch;
    /** {@code acts[l][b]} is layer {@code l}'s output for sample {@code b}. */
    private final float[][][] acts;
    private final float[][] gradA;
    private final float[][] gradB;
    private final int[] nz;
    private final boolean layerNorm;
    /** {@code normed[l][b]}: hidden layer {@code l}'s normalized pre-activation (layer norm only). */
    private final float[][][] normed;
    private final float[][] invStd;
    private float[][] lastInput;
    private int lastBatch;

    public Mlp(MlpShape shape, int maxBatch) {
        this(shape, maxBatch, false);
    }

    public Mlp(MlpShape shape, int maxBatch, boolean layerNorm) {
        this.shape = shape;
        this.layerNorm = layerNorm;
        int hidden = shape.layers() - 1;
        this.normed = new float[layerNorm ? hidden : 0][][];
        this.invStd = new float[layerNorm ? hidden : 0][];
        for (int l = 0; l < normed.length; l++) {
            normed[l] = new float[maxBatch][shape.size(l + 1)];
            invStd[l] = new float[maxBatch];
        }
        this.maxBatch = maxBatch;
        this.acts = new float[shape.layers()][][];
        for (int l = 0; l < shape.layers(); l++) {
            acts[l] = new float[maxBatch][shape.size(l + 1)];
        }
        this.gradA = new float[maxBatch][shape.maxWidth()];
        this.gradB = new float[maxBatch][shape.maxWidth()];
        this.nz = new int[Math.max(maxBatch, shape.maxWidth())];
    }

    public MlpShape shape() {
        return shape;
    }

    /** Runs the network on rows {@code x[0..batch)} and returns the output rows. */
    public float[][] forward(MlpWeights params, float[][] x, int batch) {
        if (batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " exceeds " + maxBatch);
        }
        float[][] in = x;
        int last = shape.layers() - 1;
        for (int l = 0; l <= last; l++) {
            boolean hidden = l < last;
            Dense.forward(in, batch, shape.size(l), shape.size(l + 1), params.w[l], params.b[l], acts[l],
                    hidden && !layerNorm, nz);
            if (hidden && layerNorm) {
                int width = shape.size(l + 1);
                LayerNorm.forward(acts[l], batch, width, normed[l], invStd[l]);
                for (int b = 0; b < batch; b++) {
                    float[] y = normed[l][b];
                    float[] a = acts[l][b];
                    for (int k = 0; k < width; k++) {
                        a[k] = Math.max(y[k], 0f);
                    }
                }
            }
            in = acts[l];
        }
        lastInput = x;
        lastBatch = batch;
        return acts[last];
    }

    /**
     * Back-propagates {@code dOut} through the latest {@link #forward}: adds weight gradients into
     * {@code grad} unless null, writes the input gradient into {@code dInput} unless null.
     * {@code transposed} holds the current weights transposed ({@link MlpWeights#transposeInto}).
     */
    public void backward(float[][][] transposed, float[][] dOut, MlpWeights grad, float[][] dInput) {
        int batch = lastBatch;
        int last = shape.layers() - 1;
        float[][] dy = dOut;
        for (int l = last; l >= 0; l--) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            float[][] x = l == 0 ? lastInput : acts[l - 1];
            if (grad != null) {
                Dense.accumulateWeightGrad(x, dy, batch, in, out, grad.w[l], grad.b[l], nz);
            }
            if (l == 0) {
                if (dInput != null) {
                    Dense.inputGrad(dy, batch, in, out, transposed[l], dInput, nz);
                }
                return;
            }
            float[][] dx = dy == gradA ? gradB : gradA;
            Dense.inputGrad(dy, batch, in, out, transposed[l], dx, nz);
            Dense.reluBackward(dx, x, batch, in);
            if (layerNorm) {
                LayerNorm.backward(dx, normed[l - 1], invStd[l - 1], batch, in);
            }
            dy = dx;
        }
    }
}
