package dev.sim2pi.sim.gym;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.env.Env;
import org.junit.jupiter.api.Test;

/**
 * Every row of Gymnasium's recorded trajectories (see {@code gymnasium/README.md}): one step from
 * each recorded state, and each whole episode run freely from its reset state.
 */
class GymnasiumParityTest {

    private static final String[] PENDULUM_STATE = {"theta", "theta_dot"};
    private static final String[] PENDULUM_OBS = {"cos_theta", "sin_theta", "theta_dot"};
    private static final String[] CAR = {"position", "velocity"};

    @Test
    void pendulumOneStepFromEveryRecordedStateMatchesGymnasium() {
        int rows = oneStepParity(new PendulumPlant(), "pendulum_v1.csv", PENDULUM_STATE, PENDULUM_OBS);
        assertEquals(1000, rows);
    }

    @Test
    void mountainCarOneStepFromEveryRecordedStateMatchesGymnasium() {
        int rows = oneStepParity(new MountainCarContinuousPlant(), "mountaincar_continuous_v0.csv", CAR, CAR);
        assertEquals(4995, rows);
    }

    @Test
    void pendulumWholeEpisodesReplayFreelyFromTheirResetStates() {
        episodeParity(new PendulumPlant(), "pendulum_v1", PENDULUM_STATE, PENDULUM_OBS);
    }

    @Test
    void mountainCarWholeEpisodesReplayFreelyFromTheirResetStates() {
        episodeParity(new MountainCarContinuousPlant(), "mountaincar_continuous_v0", CAR, CAR);
    }

    private static int oneStepParity(Plant plant, String file, String[] stateNames, String[] obsNames) {
        ReferenceCsv csv = new ReferenceCsv(file);
        RobotTask task = plant.task();
        double[] before = new double[plant.simStateSize()];
        double[] state = new double[plant.simStateSize()];
        double[] sensors = new double[task.sensors().size()];
        float[] obs = new float[task.observationSize()];
        double[] action = new double[1];
        double[] taskState = new double[stateNames.length];
        Rng rng = new Rng(0);
        for (int r = 0; r < csv.size(); r++) {
            for (int k = 0; k < stateNames.length; k++) {
                taskState[k] = csv.get(r, "state_before_" + stateNames[k]);
            }
            plant.load(new double[0], 0, taskState, 0, state, 0);
            if (plant instanceof MountainCarContinuousPlant && csv.integer(r, "t") > 0) {
                state[2] = 1.0; // Gymnasium's state is float32 after the first step
            }
            System.arraycopy(state, 0, before, 0, state.length);
            action[0] = csv.get(r, "action");
            plant.step(new double[0], 0, state, 0, action, 0, rng);
            double reward = task.reward(before, 0, action, 0, state, 0);
            plant.sense(new double[0], 0, state, 0, rng, sensors, 0);
            task.features(sensors, 0, obs, 0);
            String where = file + " row " + (r + 2);
            for (int k = 0; k < obsNames.length; k++) {
                assertEquals(csv.get(r, "next_obs_" + obsNames[k]), obs[k], 1e-6, where + " next_obs_" + obsNames[k]);
            }
            assertEquals(csv.get(r, "reward"), reward, 1e-6, where + " reward");
            assertEquals(csv.integer(r, "terminated") == 1, task.terminated(state, 0), where + " terminated");
            for (int k = 0; k < stateNames.length; k++) {
                assertEquals(csv.get(r, "state_after_" + stateNames[k]), state[k], 1e-9, where + " state_after");
            }
        }
        return csv.size();
    }

    private static void episodeParity(Plant plant, String name, String[] stateNames, String[] obsNames) {
        ReferenceCsv resets = new ReferenceCsv(name + "_resets.csv");
        ReferenceCsv steps = new ReferenceCsv(name + ".csv");
        int row = 0;
        try (Env env = new Env(plant, false, false)) {
            env.reset(0);
            double[] taskState = new double[stateNames.length];
            double[] action = new double[1];
            for (int e = 0; e < resets.size(); e++) {
                for (int k = 0; k < stateNames.length; k++) {
                    taskState[k] = resets.get(e, "reset_state_" + stateNames[k]);
                }
                float[] obs = env.resetTo(taskState);
                for (int k = 0; k < obsNames.length; k++) {
                    assertEquals(resets.get(e, "reset_obs_" + obsNames[k]), obs[k], 1e-6, name + " reset " + e);
                }
                int length = resets.integer(e, "episode_length");
                double ret = 0;
                for (int t = 0; t < length; t++, row++) {
                    assertEquals(e, steps.integer(row, "episode"));
                    assertEquals(t, steps.integer(row, "t"));
                    action[0] = steps.get(row, "action");
                    env.step(action);
                    ret += env.reward();
                    String where = name + " episode " + e + " step " + t;
                    for (int k = 0; k < obsNames.length; k++) {
                        assertEquals(steps.get(row, "next_obs_" + obsNames[k]), env.observation()[k], 1e-5,
                                where + " next_obs_" + obsNames[k]);
                    }
                    assertEquals(steps.integer(row, "terminated") == 1, env.terminated(), where + " terminated");
                    assertEquals(steps.integer(row, "truncated") == 1, env.truncated(), where + " truncated");
                }
                double expected = resets.get(e, "episode_return");
                assertEquals(expected, ret, 1e-6 * Math.abs(expected), name + " return of episode " + e);
            }
        }
        assertEquals(steps.size(), row, "every recorded step replayed");
    }
}
