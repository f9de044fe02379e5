package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.task.Layout;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobotsInVectorEnvTest {

    @Test
    void randomizedRobotsAndTheirTwinsStayFiniteUnderRandomCommands() {
        List<Plant> plants = List.of(Plants.forTask("balancer"), Plants.forTask("cartpole"),
                Twins.shipped("balancer"), Twins.shipped("cartpole"));
        for (Plant plant : plants) {
            int envs = 32;
            Layout actions = plant.task().actions();
            double[] command = new double[envs * actions.size()];
            Rng rng = new Rng(12);
            int episodesEnded = 0;
            try (VectorEnv env = new VectorEnv(plant, envs, new EnvOptions(1, true, true))) {
                env.reset(3);
                for (int step = 0; step < 1500; step++) {
                    for (int i = 0; i < command.length; i++) {
                        var c = actions.get(i % actions.size());
                        command[i] = rng.uniform(c.low(), c.high());
                    }
                    env.step(command);
                    for (float o : env.observations()) {
                        assertTrue(Float.isFinite(o), plant.getClass().getSimpleName() + " observation not finite");
                    }
                    for (double r : env.rewards()) {
                        assertTrue(Double.isFinite(r), plant.getClass().getSimpleName() + " reward not finite");
                    }
                    for (int e = 0; e < envs; e++) {
                        episodesEnded += env.done(e) ? 1 : 0;
                    }
                }
            }
            assertTrue(episodesEnded > 0, plant.getClass().getSimpleName() + ": random commands end episodes");
        }
    }

    @Test
    void sameSeedGivesTheSameRandomizedEpisodesOnAnyThreadCount() {
        for (String id : List.of("balancer", "cartpole")) {
            float[] one = observationsAfter(Plants.forTask(id), 1, 9);
            float[] two = observationsAfter(Plants.forTask(id), 2, 9);
            float[] other = observationsAfter(Plants.forTask(id), 2, 10);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one, two, id);
            org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(one, other), id + ": seeds differ");
        }
    }

    private static float[] observationsAfter(Plant plant, int threads, long seed) {
        int envs = 512;
        Layout actions = plant.task().actions();
        double[] command = new double[envs * actions.size()];
        Rng rng = new Rng(4);
        float[] out = new float[0];
        try (VectorEnv env = new VectorEnv(plant, envs, new EnvOptions(threads, true, true))) {
            env.reset(seed);
            for (int step = 0; step < 400; step++) {
                for (int i = 0; i < command.length; i++) {
                    var c = actions.get(i % actions.size());
                    command[i] = 0.5 * rng.uniform(c.low(), c.high());
                }
                env.step(command);
            }
            out = env.observations().clone();
        }
        return out;
    }
}
