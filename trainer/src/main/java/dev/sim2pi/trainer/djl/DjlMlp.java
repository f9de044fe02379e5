package dev.sim2pi.trainer.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.sim2pi.trainer.nn.MlpShape;

/**
 * One ReLU MLP as DJL arrays (weights {@code [in, out]}), read from and written to the flat
 * {@link MlpShape} layout; optionally layer-normalized before each hidden ReLU, as
 * {@link dev.sim2pi.trainer.nn.LayerNorm} (no learned affine).
 */
final class DjlMlp {

    final MlpShape shape;
    final NDArray[] w;
    final NDArray[] b;
    private final boolean layerNorm;

    DjlMlp(MlpShape shape, NDManager manager, boolean trainable) {
        this(shape, manager, trainable, false);
    }

    DjlMlp(MlpShape shape, NDManager manager, boolean trainable, boolean layerNorm) {
        this.shape = shape;
        this.layerNorm = layerNorm;
        this.w = new NDArray[shape.layers()];
        this.b = new NDArray[shape.layers()];
        for (int l = 0; l < shape.layers(); l++) {
            w[l] = manager.zeros(new Shape(shape.size(l), shape.size(l + 1)));
            b[l] = manager.zeros(new Shape(shape.size(l + 1)));
            if (trainable) {
                w[l].setRequiresGradient(true);
                b[l].setRequiresGradient(true);
            }
        }
    }

    /** All parameter arrays in a fixed order: w0, b0, w1, b1, ... */
    NDArray[] parameters() {
        NDArray[] p = new NDArray[2 * w.length];
        for (int l = 0; l < w.length; l++) {
            p[2 * l] = w[l];
            p[2 * l + 1] = b[l];
        }
        return p;
    }

    NDArray forward(NDArray x, boolean detached) {
        NDArray h = x;
        for (int l = 0; l < w.length; l++) {
            NDArray wl = detached ? w[l].stopGradient() : w[l];
            NDArray bl = detached ? b[l].stopGradient() : b[l];
            h = h.matMul(wl).add(bl);
            if (l < w.length - 1) {
                if (layerNorm) {
                    NDArray centred = h.sub(h.mean(new int[] {1}, true));
                    NDArray variance = centred.square().mean(new int[] {1}, true);
                    h = centred.div(variance.add(dev.sim2pi.trainer.nn.LayerNorm.EPSILON).sqrt());
                }
                h = Activation.relu(h);
            }
        }
        return h;
    }

    void read(float[] flat, int offset) {
        for (int l = 0; l < w.length; l++) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            int wo = offset + shape.weightOffset(l);
            w[l].set(java.util.Arrays.copyOfRange(flat, wo, wo + in * out));
            int bo = offset + shape.biasOffset(l);
            b[l].set(java.util.Arrays.copyOfRange(flat, bo, bo + out));
        }
    }

    void write(float[] flat, int offset) {
        for (int l = 0; l < w.length; l++) {
            float[] wv = w[l].toFloatArray();
            System.arraycopy(wv, 0, flat, offset + shape.weightOffset(l), wv.length);
            float[] bv = b[l].toFloatArray();
            System.arraycopy(bv, 0, flat, offset + shape.biasOffset(l), bv.length);
        }
    }
}
