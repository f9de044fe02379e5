package dev.sim2pi.models.bundle;

import java.util.Objects;

/**
 * One fully connected layer, {@code y = x W + b}, with weights stored row-major as
 * {@code [inputs][outputs]} (the layout ONNX Gemm takes with {@code transB = 0}).
 *
 * @param inputs  width of the layer's input
 * @param outputs width of the layer's output
 * @param weights {@code inputs * outputs} values, row {@code i} holds the weights from input {@code i}
 * @param bias    {@code outputs} values
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] bias) {

    public DenseLayer {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("layer needs positive sizes, got " + inputs + "x" + outputs);
        }
        if (weights.length != inputs * outputs) {
            throw new IllegalArgumentException("layer " + inputs + "x" + outputs + " needs " + inputs * outputs
                    + " weights, got " + weights.length);
        }
        if (bias.length != outputs) {
            throw new IllegalArgumentException("layer " + inputs + "x" + outputs + " needs " + outputs
                    + " biases, got " + bias.length);
        }
        weights = weights.clone();
        bias = bias.clone();
    }

    /** A layer from {@code weights[in][out]} and {@code bias[out]}. */
    public static DenseLayer of(float[][] weights, float[] bias) {
        int in = weights.length;
        int out = in == 0 ? 0 : weights[0].length;
        float[] flat = new float[in * out];
        for (int i = 0; i < in; i++) {
            if (weights[i].length != out) {
                throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length
                        + " values, row 0 has " + out);
            }
            System.arraycopy(weights[i], 0, flat, i * out, out);
        }
        return new DenseLayer(in, out, flat, bias);
    }

    /**
     * A layer from weights stored output-major, {@code [outputs][inputs]} flattened (how PyTorch
     * and DJL {@code Linear} layers keep them): transposed here into {@code [inputs][outputs]}.
     */
    public static DenseLayer fromOutputMajor(int inputs, int outputs, float[] weightsOutIn, float[] bias) {
        if (weightsOutIn.length != inputs * outputs) {
            throw new IllegalArgumentException("layer " + inputs + "x" + outputs + " needs " + inputs * outputs
                    + " weights, got " + weightsOutIn.length);
        }
        float[] flat = new float[inputs * outputs];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                flat[i * outputs + o] = weightsOutIn[o * inputs + i];
            }
        }
        return new DenseLayer(inputs, outputs, flat, bias);
    }

    /** Weight from input {@code i} to output {@code o}. */
    public float weight(int i, int o) {
        return weights[i * outputs + o];
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }
}
