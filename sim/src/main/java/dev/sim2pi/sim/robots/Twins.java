package dev.sim2pi.sim.robots;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Plant;
import java.nio.file.Path;
import java.util.List;

/**
 * The reality twins by task id: what {@code --twin-params FILE} builds. A twin is a
 * {@link Plant}, so the batched env, the simulated robot and evaluation run it unchanged.
 */
public final class Twins {

    private Twins() {
    }

    /** Task ids that have a twin. */
    public static List<String> taskIds() {
        return List.of(dev.sim2pi.models.tasks.CartPoleTask.ID,
                dev.sim2pi.models.tasks.BalancerTask.ID);
    }

    /** The twin of {@code taskId} with parameters from {@code twinFile}; bad input raises InputException. */
    public static Plant load(String taskId, Path twinFile) {
        return switch (taskId) {
            case dev.sim2pi.models.tasks.BalancerTask.ID -> BalancerTwin.load(twinFile);
            case dev.sim2pi.models.tasks.CartPoleTask.ID -> CartPoleTwin.load(twinFile);
            default -> throw new InputException("no reality twin for task '" + taskId + "': expected one of " + taskIds());
        };
    }

    /** The example twin shipped for {@code taskId}. */
    public static Plant shipped(String taskId) {
        return switch (taskId) {
            case dev.sim2pi.models.tasks.BalancerTask.ID -> BalancerTwin.shipped();
            case dev.sim2pi.models.tasks.CartPoleTask.ID -> CartPoleTwin.shipped();
            default -> throw new InputException("no reality twin for task '" + taskId + "': expected one of " + taskIds());
        };
    }
}
