package dev.sim2pi.trainer.nn;

import java.util.Arrays;

/**
 * Layer sizes of a ReLU multilayer perceptron with a linear output layer, and where each layer's
 * weights ({@code [in][out]}) and bias sit in the flat parameter vector. The same layout is used
 * by every engine, by checkpoints and by the bundle export, so weights move between them as
 * plain arrays.
 */
public final class MlpShape {

    private final int[] sizes;
    private final int[] weightOffsets;
    private final int parameterCount;

    public MlpShape(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.weightOffsets = new int[sizes.length - 1];
        int off = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            weightOffsets[l] = off;
            off += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        this.parameterCount = off;
    }

    /** An MLP {@code in -> hidden... -> out}. */
    public static MlpShape of(int in, int[] hidden, int out) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = out;
        return new MlpShape(s);
    }

    public int layers() {
        return sizes.length - 1;
    }

    /** Width of activation {@code k}: 0 is the input, {@link #layers()} the output. */
    public int size(int k) {
        return sizes[k];
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int maxWidth() {
        return Arrays.stream(sizes).max().orElseThrow();
    }

    /** Offset of layer {@code l}'s weights; its bias follows at {@code + in * out}. */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    public int biasOffset(int l) {
        return weightOffsets[l] + sizes[l] * sizes[l + 1];
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
