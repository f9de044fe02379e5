package dev.sim2pi.sim.env;

import java.util.Arrays;

/**
 * Per-environment action latency and observation delay, as rings of past commands and past
 * readings. With latency {@code k} the plant receives the command given {@code k} steps earlier
 * (zero before the episode has that many); with delay {@code d} the observation is built from
 * the reading taken {@code d} steps earlier (the first reading of the episode before that).
 */
final class DelayLines {

    private final int actionSize;
    private final int sensorSize;
    private final int actionSlots;
    private final int sensorSlots;
    private final double[] actions;
    private final double[] readings;
    private final int[] latency;
    private final int[] delay;

    DelayLines(int envs, int actionSize, int sensorSize, int maxLatency, int maxDelay) {
        this.actionSize = actionSize;
        this.sensorSize = sensorSize;
        this.actionSlots = maxLatency + 1;
        this.sensorSlots = maxDelay + 1;
        this.actions = new double[envs * actionSlots * actionSize];
        this.readings = new double[envs * sensorSlots * sensorSize];
        this.latency = new int[envs];
        this.delay = new int[envs];
    }

    double[] actionRing() {
        return actions;
    }

    double[] readingRing() {
        return readings;
    }

    int latency(int env) {
        return latency[env];
    }

    int delay(int env) {
        return delay[env];
    }

    /** Starts an episode: no commands yet, every past reading is the first one. */
    void begin(int env, int latencySteps, int delaySteps, double[] sensors, int sensorsOffset) {
        if (latencySteps < 0 || latencySteps >= actionSlots || delaySteps < 0 || delaySteps >= sensorSlots) {
            throw new IllegalArgumentException("latency " + latencySteps + " / delay " + delaySteps
                    + " outside the declared ranges 0.." + (actionSlots - 1) + " / 0.." + (sensorSlots - 1));
        }
        latency[env] = latencySteps;
        delay[env] = delaySteps;
        int a = env * actionSlots * actionSize;
        Arrays.fill(actions, a, a + actionSlots * actionSize, 0.0);
        int r = env * sensorSlots * sensorSize;
        for (int s = 0; s < sensorSlots; s++) {
            System.arraycopy(sensors, sensorsOffset, readings, r + s * sensorSize, sensorSize);
        }
    }

    /**
     * Records the command of step {@code step} (0-based within the episode) and returns the offset
     * in {@link #actionRing()} of the command the plant applies now.
     */
    int command(int env, int step, double[] command, int commandOffset) {
        int base = env * actionSlots * actionSize;
        System.arraycopy(command, commandOffset, actions, base + (step % actionSlots) * actionSize, actionSize);
        int slot = (step - latency[env]) % actionSlots;
        if (slot < 0) {
            slot += actionSlots;
        }
        return base + slot * actionSize;
    }

    /**
     * Records the reading taken after {@code stepsDone} steps and returns the offset in
     * {@link #readingRing()} of the reading the observation sees.
     */
    int reading(int env, int stepsDone, double[] sensors, int sensorsOffset) {
        int base = env * sensorSlots * sensorSize;
        System.arraycopy(sensors, sensorsOffset, readings, base + (stepsDone % sensorSlots) * sensorSize, sensorSize);
        int slot = (stepsDone - delay[env]) % sensorSlots;
        if (slot < 0) {
            slot += sensorSlots;
        }
        return base + slot * sensorSize;
    }
}
