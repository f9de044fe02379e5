package dev.sim2pi.trainer.nn;

/**
 * Adam over the rows of one or more {@link MlpWeights}, with PyTorch's update rule
 * (bias-corrected first moment; epsilon added after dividing the root second moment by its bias
 * correction). One fused pass per row; allocation-free.
 */
public final class Adam {

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final MlpWeights[] m;
    private final MlpWeights[] v;
    private long steps;

    public Adam(double learningRate, MlpShape... shapes) {
        this.learningRate = (float) learningRate;
        this.beta1 = 0.9f;
        this.beta2 = 0.999f;
        this.epsilon = 1e-8f;
        this.m = new MlpWeights[shapes.length];
        this.v = new MlpWeights[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            m[k] = new MlpWeights(shapes[k]);
            v[k] = new MlpWeights(shapes[k]);
        }
    }

    /** One step over every network: {@code params[k] -= update(grads[k])}. */
    public void step(MlpWeights[] params, MlpWeights[] grads) {
        steps++;
        float stepSize = (float) (learningRate / (1 - Math.pow(beta1, steps)));
        float rootCorrection = (float) Math.sqrt(1 - Math.pow(beta2, steps));
        for (int k = 0; k < params.length; k++) {
            MlpWeights p = params[k];
            MlpWeights g = grads[k];
            for (int l = 0; l < p.shape.layers(); l++) {
                for (int i = 0; i < p.w[l].length; i++) {
                    update(p.w[l][i], g.w[l][i], m[k].w[l][i], v[k].w[l][i], stepSize, rootCorrection);
                }
                update(p.b[l], g.b[l], m[k].b[l], v[k].b[l], stepSize, rootCorrection);
            }
        }
    }

    private void update(float[] p, float[] g, float[] mr, float[] vr, float stepSize, float rootCorrection) {
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        float eps = epsilon;
        for (int j = 0; j < p.length; j++) {
            float gj = g[j];
            float mj = b1 * mr[j] + c1 * gj;
            float vj = b2 * vr[j] + c2 * gj * gj;
            mr[j] = mj;
            vr[j] = vj;
            p[j] -= stepSize * mj / ((float) Math.sqrt(vj) / rootCorrection + eps);
        }
    }

    public MlpWeights firstMoment(int k) {
        return m[k];
    }

    public MlpWeights secondMoment(int k) {
        return v[k];
    }

    public long steps() {
        return steps;
    }

    public void setSteps(long stepCount) {
        this.steps = stepCount;
    }
}
