package dev.sim2pi.models.bundle;

import java.util.Locale;

/** The nonlinearity after every hidden layer of an actor network. */
public enum Activation {
    RELU,
    TANH;

    /** Applies the nonlinearity to one value. */
    public float apply(float x) {
        return switch (this) {
            case RELU -> x > 0f ? x : 0f;
            case TANH -> (float) Math.tanh(x);
        };
    }

    /** The name used in manifests and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; fails naming the accepted values. */
    public static Activation of(String id) {
        for (Activation a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "': expected relu or tanh");
    }
}
