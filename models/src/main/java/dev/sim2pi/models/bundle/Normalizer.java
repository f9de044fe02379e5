package dev.sim2pi.models.bundle;

import java.util.Arrays;
import java.util.Objects;

/**
 * The frozen observation normalizer: {@code z = (obs - mean) / std}, then optionally clipped to
 * {@code [-clip, clip]}.
 *
 * @param mean per-feature mean of the raw observation
 * @param std  per-feature standard deviation, all positive
 * @param clip clip bound applied after normalization, or {@code +Infinity} for none
 */
public record Normalizer(float[] mean, float[] std, float clip) {

    public Normalizer {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length) {
            throw new IllegalArgumentException("normalizer mean has " + mean.length + " values, std has " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0f) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("normalizer feature " + i + " needs finite mean and std > 0, got mean "
                        + mean[i] + " std " + std[i]);
            }
        }
        if (!(clip > 0f)) {
            throw new IllegalArgumentException("normalizer clip must be > 0 (or +Infinity for none), got " + clip);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** A normalizer that leaves {@code size} features unchanged. */
    public static Normalizer identity(int size) {
        float[] ones = new float[size];
        Arrays.fill(ones, 1f);
        return new Normalizer(new float[size], ones, Float.POSITIVE_INFINITY);
    }

    /** A normalizer without clipping. */
    public static Normalizer of(float[] mean, float[] std) {
        return new Normalizer(mean, std, Float.POSITIVE_INFINITY);
    }

    public int size() {
        return mean.length;
    }

    public boolean clips() {
        return clip != Float.POSITIVE_INFINITY;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }
}
