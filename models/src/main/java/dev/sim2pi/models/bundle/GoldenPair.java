package dev.sim2pi.models.bundle;

import java.util.Objects;

/**
 * An observation and the command the exporter's plain-Java forward pass computed for it;
 * loading recomputes the command with ONNX Runtime and refuses a mismatch.
 */
public record GoldenPair(float[] observation, float[] action) {

    public GoldenPair {
        observation = Objects.requireNonNull(observation, "observation").clone();
        action = Objects.requireNonNull(action, "action").clone();
    }

    @Override
    public float[] observation() {
        return observation.clone();
    }

    @Override
    public float[] action() {
        return action.clone();
    }
}
