package dev.sim2pi.models.bundle;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import java.util.Random;

/**
 * Draws observations for golden pairs: uniform within a channel's bounds when both are finite,
 * otherwise from a normal around the normalizer's mean with its standard deviation (kept
 * within a finite bound on one side). Seeded, so the same export gives the same pairs.
 */
final class GoldenObservations {

    private GoldenObservations() {
    }

    static float[][] draw(Layout layout, Normalizer normalizer, long seed, int count) {
        Random random = new Random(seed);
        float[] mean = normalizer.mean();
        float[] std = normalizer.std();
        float[][] out = new float[count][layout.size()];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < layout.size(); i++) {
                Channel c = layout.get(i);
                double v;
                if (Double.isFinite(c.low()) && Double.isFinite(c.high())) {
                    v = c.low() + random.nextDouble() * (c.high() - c.low());
                } else {
                    v = c.clamp(mean[i] + std[i] * random.nextGaussian());
                }
                out[k][i] = (float) v;
            }
        }
        return out;
    }
}
