package dev.sim2pi.trainer.env;

import dev.sim2pi.models.task.Layout;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;

/** Environments of a shipped task from its simulator plant. */
public final class SimEnvFactory implements EnvFactory {

    private final Plant plant;
    private final boolean estimatedReward;

    public SimEnvFactory(Plant plant) {
        this(plant, false);
    }

    /**
     * With {@code estimatedReward}, the environments reward on the task's state estimate, as
     * recorded robot data is rewarded (the task must have an estimator).
     */
    public SimEnvFactory(Plant plant, boolean estimatedReward) {
        Layout actions = plant.task().actions();
        for (int i = 0; i < actions.size(); i++) {
            if (!Double.isFinite(actions.get(i).low()) || !Double.isFinite(actions.get(i).high())) {
                throw new IllegalArgumentException("task " + plant.task().id() + " action " + actions.get(i).name()
                        + " needs finite bounds to train a squashed policy");
            }
        }
        this.plant = plant;
        this.estimatedReward = estimatedReward;
    }

    /** The factory of shipped task {@code taskId}; bad ids fail naming the known ones. */
    public static SimEnvFactory forTask(String taskId) {
        return new SimEnvFactory(Plants.forTask(taskId));
    }

    public Plant plant() {
        return plant;
    }

    @Override
    public String taskId() {
        return plant.task().id();
    }

    @Override
    public TrainingEnv create(int numEnvs) {
        return new VectorTrainingEnv(plant, numEnvs, true, estimatedReward);
    }

    @Override
    public TrainingEnv createNominal(int numEnvs) {
        return new VectorTrainingEnv(plant, numEnvs, false, estimatedReward);
    }
}
