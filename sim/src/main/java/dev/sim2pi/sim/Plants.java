package dev.sim2pi.sim;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.gym.MountainCarContinuousPlant;
import dev.sim2pi.sim.gym.PendulumPlant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The plant that simulates each shipped task, by task id. */
public final class Plants {

    private static final Map<String, Plant> BY_TASK = new LinkedHashMap<>();

    static {
        register(new PendulumPlant());
        register(new MountainCarContinuousPlant());
        register(new dev.sim2pi.sim.robots.CartPolePlant());
        register(new dev.sim2pi.sim.robots.BalancerPlant());
    }

    private Plants() {
    }

    private static void register(Plant plant) {
        BY_TASK.put(plant.task().id(), plant);
    }

    /** Ids of the tasks that have a plant. */
    public static Set<String> taskIds() {
        return Collections.unmodifiableSet(BY_TASK.keySet());
    }

    /** The plant of task {@code taskId}; fails naming the simulated tasks. */
    public static Plant forTask(String taskId) {
        Plant plant = BY_TASK.get(taskId);
        if (plant == null) {
            throw new InputException("no simulator for task '" + taskId + "': expected one of " + BY_TASK.keySet());
        }
        return plant;
    }
}
