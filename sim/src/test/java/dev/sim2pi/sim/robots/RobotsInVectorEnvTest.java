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
}
