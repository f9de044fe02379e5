package dev.sim2pi.models.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The deterministic actor as plain arrays, independent of any training library: the frozen
 * observation normalizer, the MLP (hidden layers with one activation, then the linear mean head),
 * then {@code tanh} and scaling to the actuator command range.
 *
 * <pre>
 * z = clip((obs - mean) / std)
 * h = act(z W1 + b1) ... ; u = tanh(h Wk + bk)
 * action = mid + halfRange * u,  mid = (high + low) / 2,  halfRange = (high - low) / 2
 * </pre>
 *
 * @param normalizer observation normalizer, as wide as the first layer's input
 * @param layers     hidden layers then the mean head; each layer's input is the previous one's output
 * @param hidden     activation after every layer but the last
 * @param actionLow  lowest command per action channel (physical units), finite
 * @param actionHigh highest command per action channel, finite and above {@code actionLow}
 */
public record ActorNetwork(Normalizer normalizer, List<DenseLayer> layers, Activation hidden,
                           float[] actionLow, float[] actionHigh) {

    public ActorNetwork {
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(hidden, "hidden");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an actor needs at least the mean-head layer");
        }
        int width = normalizer.size();
        for (int k = 0; k < layers.size(); k++) {
            DenseLayer layer = layers.get(k);
            if (layer.inputs() != width) {
                throw new IllegalArgumentException("layer " + k + " takes " + layer.inputs() + " inputs, expected "
                        + width + (k == 0 ? " (the normalizer's size)" : " (layer " + (k - 1) + "'s outputs)"));
            }
            requireFinite("layer " + k + " weights", layer.weights());
            requireFinite("layer " + k + " bias", layer.bias());
            width = layer.outputs();
        }
        Objects.requireNonNull(actionLow, "actionLow");
        Objects.requireNonNull(actionHigh, "actionHigh");
        if (actionLow.length != width || actionHigh.length != width) {
            throw new IllegalArgumentException("the mean head has " + width + " outputs but the action range has "
                    + actionLow.length + " lows and " + actionHigh.length + " highs");
        }
        for (int i = 0; i < width; i++) {
            if (!Float.isFinite(actionLow[i]) || !Float.isFinite(actionHigh[i]) || !(actionLow[i] < actionHigh[i])) {
                throw new IllegalArgumentException("action " + i + " needs a finite range low < high, got ["
                        + actionLow[i] + ", " + actionHigh[i] + "]");
            }
        }
        actionLow = actionLow.clone();
        actionHigh = actionHigh.clone();
    }

    /**
     * An actor whose action range is {@code task}'s action bounds (which must be finite).
     *
     * @param layers hidden layers then the mean head
     */
    public static ActorNetwork forTask(dev.sim2pi.models.task.RobotTask task, Normalizer normalizer,
                                       List<DenseLayer> layers, Activation hidden) {
        dev.sim2pi.models.task.Layout actions = task.actions();
        float[] low = new float[actions.size()];
        float[] high = new float[actions.size()];
        for (int i = 0; i < low.length; i++) {
            low[i] = (float) actions.get(i).low();
            high[i] = (float) actions.get(i).high();
        }
        return new ActorNetwork(normalizer, layers, hidden, low, high);
    }

    private static void requireFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " hold a non-finite value " + values[i] + " at index " + i);
            }
        }
    }

    public int observationSize() {
        return normalizer.size();
    }

    public int actionSize() {
        return actionLow.length;
    }

    /** Widths from input to output, for example {@code [8, 64, 64, 2]}. */
    public List<Integer> layerSizes() {
        List<Integer> sizes = new ArrayList<>(layers.size() + 1);
        sizes.add(observationSize());
        for (DenseLayer layer : layers) {
            sizes.add(layer.outputs());
        }
        return sizes;
    }

    /** Widest layer output, the scratch space a forward pass needs. */
    public int maxWidth() {
        int max = observationSize();
        for (DenseLayer layer : layers) {
            max = Math.max(max, layer.outputs());
        }
        return max;
    }

    /** Command midpoints {@code (high + low) / 2}. */
    public float[] actionMid() {
        float[] mid = new float[actionSize()];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = (actionHigh[i] + actionLow[i]) * 0.5f;
        }
        return mid;
    }

    /** Command half ranges {@code (high - low) / 2}. */
    public float[] actionHalfRange() {
        float[] half = new float[actionSize()];
        for (int i = 0; i < half.length; i++) {
            half[i] = (actionHigh[i] - actionLow[i]) * 0.5f;
        }
        return half;
    }

    @Override
    public float[] actionLow() {
        return actionLow.clone();
    }

    @Override
    public float[] actionHigh() {
        return actionHigh.clone();
    }
}
