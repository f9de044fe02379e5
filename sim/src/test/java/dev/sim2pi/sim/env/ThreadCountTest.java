package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.gym.MountainCarContinuousPlant;
import dev.sim2pi.sim.gym.PendulumPlant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCountTest {

    @Test
    void pendulumResultsAreIdenticalWhateverTheThreadCount() {
        assertSameForThreads(new PendulumPlant(), 1001, 260);
    }

    @Test
    void randomizedNoisyDelayedPlantIsIdenticalWhateverTheThreadCount() {
        assertSameForThreads(new CartOnRail(0, 1, 3, 0, 0, 2, 0.05), 777, 130);
    }

    @Test
    void mountainCarIsIdenticalWhateverTheThreadCount() {
        assertSameForThreads(new MountainCarContinuousPlant(), 300, 1100);
    }

    private static void assertSameForThreads(Plant plant, int envs, int steps) {
        List<Object> one = run(plant, envs, steps, 1);
        for (int threads : new int[] {2, 3}) {
            List<Object> other = run(plant, envs, steps, threads);
            assertEquals(one.size(), other.size());
            for (int k = 0; k < one.size(); k++) {
                Object a = one.get(k);
                Object b = other.get(k);
                String what = "record " + k + " with " + threads + " threads";
                if (a instanceof float[] fa) {
                    assertArrayEquals(fa, (float[]) b, what);
                } else if (a instanceof double[] da) {
                    assertArrayEquals(da, (double[]) b, what);
                } else {
                    assertArrayEquals((boolean[]) a, (boolean[]) b, what);
                }
            }
        }
    }

    private static List<Object> run(Plant plant, int envs, int steps, int threads) {
        List<Object> out = new ArrayList<>();
        int actionSize = plant.task().actions().size();
        double[] actions = new double[envs * actionSize];
        try (VectorEnv env = new VectorEnv(plant, envs, EnvOptions.defaults().withThreads(threads))) {
            assertEquals(threads, env.threads());
            env.reset(99);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = Math.sin(0.37 * t + 1.3 * i) * 2.5; // some out of range on purpose
                }
                env.step(actions);
                out.add(env.observations().clone());
                out.add(env.rewards().clone());
                out.add(env.terminated().clone());
                out.add(env.truncated().clone());
                out.add(env.finalObservations().clone());
            }
        }
        return out;
    }
}
