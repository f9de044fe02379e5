package dev.sim2pi.models.bundle;

import dev.sim2pi.models.task.RobotTask;

/** Test-task access for tests in other packages. */
public final class TestActors {

    private TestActors() {
    }

    public static RobotTask task(String which) {
        return switch (which) {
            case "pendulum" -> TestTasks.PENDULUM;
            case "balancer" -> TestTasks.BALANCER;
            default -> throw new IllegalArgumentException(which);
        };
    }

    public static ActorNetwork random(RobotTask task, int[] hidden, Activation activation, long seed, boolean clip) {
        return TestTasks.randomActor(task, hidden, activation, seed, clip);
    }
}
