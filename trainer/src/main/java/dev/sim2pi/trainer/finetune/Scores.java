package dev.sim2pi.trainer.finetune;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import java.util.Locale;

/**
 * A policy's mean true-state return on the twin (NaN without one) and on the nominal training
 * robot, over the same {@code scoreEpisodes} seeded episodes for every policy scored.
 */
public record Scores(double twin, double nominal, int episodes) {

    /** The simulator seed of the scoring episodes: apart from training and from the selection robots. */
    static long seed(long runSeed) {
        return runSeed + (0x5C0EL << 40);
    }

    static Scores of(PolicySnapshot policy, Plant nominalPlant, Plant twin, FinetuneOptions o) {
        long seed = seed(o.seed());
        double t = twin == null ? Double.NaN : new EpisodeScore(twin, o.scoreEpisodes(), seed).mean(policy);
        double n = new EpisodeScore(nominalPlant, o.scoreEpisodes(), seed).mean(policy);
        return new Scores(t, n, o.scoreEpisodes());
    }

    String describe(String which) {
        return String.format(Locale.ROOT, "%s: return %s on the twin, %.1f on the nominal robot (%d episodes each)",
                which, Double.isNaN(twin) ? "-" : String.format(Locale.ROOT, "%.1f", twin), nominal, episodes);
    }
}
