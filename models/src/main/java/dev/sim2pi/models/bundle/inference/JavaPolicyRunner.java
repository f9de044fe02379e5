package dev.sim2pi.models.bundle.inference;

import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;

/**
 * The actor's forward pass in plain Java over the same weights the ONNX graph holds: the
 * reference the ONNX Runtime output is checked against, and a fallback runner that needs no
 * native library. Allocation-free per call.
 */
public final class JavaPolicyRunner implements PolicyRunner {

    private final int obsSize;
    private final int actSize;
    private final float[] invStd;
    private final float[] shift;
    private final float clip;
    private final boolean clips;
    private final float[][] weights;
    private final float[][] biases;
    private final int[] inputs;
    private final int[] outputs;
    private final boolean relu;
    private final float[] mid;
    private final float[] half;
    private final float[] a;
    private final float[] b;

    public JavaPolicyRunner(ActorNetwork actor) {
        this.obsSize = actor.observationSize();
        this.actSize = actor.actionSize();
        this.invStd = ActorGraphWriter.inverseStd(actor.normalizer());
        this.shift = ActorGraphWriter.shift(actor.normalizer());
        this.clip = actor.normalizer().clip();
        this.clips = actor.normalizer().clips();
        int n = actor.layers().size();
        this.weights = new float[n][];
        this.biases = new float[n][];
        this.inputs = new int[n];
        this.outputs = new int[n];
        for (int k = 0; k < n; k++) {
            DenseLayer layer = actor.layers().get(k);
            weights[k] = layer.weights();
            biases[k] = layer.bias();
            inputs[k] = layer.inputs();
            outputs[k] = layer.outputs();
        }
        this.relu = actor.hidden() == dev.sim2pi.models.bundle.Activation.RELU;
        this.mid = actor.actionMid();
        this.half = actor.actionHalfRange();
        this.a = new float[actor.maxWidth()];
        this.b = new float[actor.maxWidth()];
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionSize() {
        return actSize;
    }

    @Override
    public void act(float[] obs, int obsOffset, float[] action, int actionOffset) {
        float[] x = a;
        float[] y = b;
        for (int i = 0; i < obsSize; i++) {
            // The same float operations as the graph's diagonal Gemm: obs * (1/std) + (-mean/std).
            float z = obs[obsOffset + i] * invStd[i] + shift[i];
            if (clips) {
                z = Math.max(-clip, Math.min(clip, z));
            }
            x[i] = z;
        }
        int last = weights.length - 1;
        for (int k = 0; k <= last; k++) {
            float[] w = weights[k];
            float[] bias = biases[k];
            int in = inputs[k];
            int out = outputs[k];
            System.arraycopy(bias, 0, y, 0, out);
            // Row-wise accumulation walks W in memory order, which is what makes this fast.
            for (int i = 0; i < in; i++) {
                float xi = x[i];
                int row = i * out;
                for (int o = 0; o < out; o++) {
                    y[o] += xi * w[row + o];
                }
            }
            if (k < last) {
                if (relu) {
                    for (int o = 0; o < out; o++) {
                        if (y[o] < 0f) {
                            y[o] = 0f;
                        }
                    }
                } else {
                    for (int o = 0; o < out; o++) {
                        y[o] = (float) Math.tanh(y[o]);
                    }
                }
            }
            float[] t = x;
            x = y;
            y = t;
        }
        for (int o = 0; o < actSize; o++) {
            action[actionOffset + o] = (float) Math.tanh(x[o]) * half[o] + mid[o];
        }
    }

    @Override
    public void close() {
        // Nothing native to release.
    }
}
