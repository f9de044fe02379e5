package dev.sim2pi.models.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The robot tasks sim2pi ships, by id. */
public final class Tasks {

    private static final Map<String, RobotTask> BY_ID = new LinkedHashMap<>();

    static {
        // Each shipped task registers here, in the order users see them listed.
        register(new dev.sim2pi.models.tasks.PendulumTask());
        register(new dev.sim2pi.models.tasks.MountainCarContinuousTask());
        register(new dev.sim2pi.models.tasks.CartPoleTask());
        register(new dev.sim2pi.models.tasks.BalancerTask());
    }

    private Tasks() {
    }

    private static void register(RobotTask task) {
        BY_ID.put(task.id(), task);
    }

    /** Ids of every shipped task. */
    public static Set<String> ids() {
        return Collections.unmodifiableSet(BY_ID.keySet());
    }

    /** The task called {@code id}; fails naming the known ids. */
    public static RobotTask byId(String id) {
        RobotTask task = BY_ID.get(id);
        if (task == null) {
            throw new dev.sim2pi.models.InputException(
                    "unknown task '" + id + "': expected one of " + BY_ID.keySet());
        }
        return task;
    }
}
