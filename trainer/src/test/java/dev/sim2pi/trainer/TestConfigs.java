package dev.sim2pi.trainer;

import dev.sim2pi.trainer.sac.SacBatch;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacConfigs;
import dev.sim2pi.sim.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test configurations: the shipped pendulum config with some fields replaced. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code overridesJson} is the body of a JSON object, e.g. {@code "\"batch_size\": 32"}. */
    public static SacConfig pendulum(String overridesJson) {
        try {
            Path file = Files.createTempFile("sac-config", ".json");
            Files.writeString(file, "{\"task\": \"pendulum-v1\"" + (overridesJson.isEmpty() ? "" : ", " + overridesJson) + "}");
            try {
                return SacConfigs.load("pendulum-v1", file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A batch of plausible random transitions. */
    public static SacBatch randomBatch(int size, int obs, int act, long seed) {
        SacBatch b = new SacBatch(size, obs, act);
        Rng r = new Rng(seed);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < obs; j++) {
                b.observations[i][j] = (float) r.gaussian();
                b.nextObservations[i][j] = (float) r.gaussian();
            }
            for (int j = 0; j < act; j++) {
                b.actions[i][j] = (float) r.uniform(-1, 1);
                b.noise[i][j] = (float) r.gaussian();
                b.nextNoise[i][j] = (float) r.gaussian();
            }
            b.rewards[i] = (float) r.uniform(-2, 0);
            b.discounts[i] = i % 7 == 0 ? 0f : 0.99f;
        }
        return b;
    }
}
