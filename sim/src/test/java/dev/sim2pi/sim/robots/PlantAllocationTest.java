package dev.sim2pi.sim.robots;

import dev.sim2pi.models.testing.Allocations;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantAllocationTest {

    static List<Plant> plants() {
        return List.of(new BalancerPlant(), new CartPolePlant(), BalancerTwin.shipped(), CartPoleTwin.shipped());
    }

    @Test
    void stepSenseAndResetAllocateNothingAfterWarmUp() {
        for (Plant plant : plants()) {
            int envs = 8;
            int np = plant.parameters().size();
            int ns = plant.simStateSize();
            int na = plant.task().actions().size();
            int nr = plant.task().sensors().size();
            double[] params = new double[envs * np];
            double[] state = new double[envs * ns];
            double[] action = new double[envs * na];
            double[] sensors = new double[envs * nr];
            Rng rng = new Rng(1);
            for (int e = 0; e < envs; e++) {
                plant.parameters().draw(rng, params, e * np);
            }
            run(plant, rng, envs, params, state, action, sensors, 20_000);
            Allocations.assertSomeWindowAllocatesNothing(plant.task().id() + " step, sense and reset",
                    () -> run(plant, rng, envs, params, state, action, sensors, 5_000), 10);
        }
    }

    private static void run(Plant plant, Rng rng, int envs, double[] params, double[] state, double[] action,
                            double[] sensors, int iterations) {
        int np = plant.parameters().size();
        int ns = plant.simStateSize();
        int na = plant.task().actions().size();
        int nr = plant.task().sensors().size();
        for (int it = 0; it < iterations; it++) {
            for (int e = 0; e < envs; e++) {
                if (it % 300 == 0) {
                    plant.reset(rng, params, e * np, state, e * ns);
                }
                for (int a = 0; a < na; a++) {
                    action[e * na + a] = 2 * rng.nextDouble() - 1;
                }
                plant.step(params, e * np, state, e * ns, action, e * na, rng);
                plant.sense(params, e * np, state, e * ns, rng, sensors, e * nr);
            }
        }
    }
}
