package dev.sim2pi.models.task;

/**
 * The one observation pipeline: keeps, for each of a batch of environments (or the one robot),
 * the recent readings and the last commands, and writes the policy input the task specifies.
 * Allocation-free after construction.
 */
public final class ObservationBuilder {

    private final RobotTask task;
    private final int envs;
    private final int featureSize;
    private final int history;
    private final int actionSize;
    private final int actionHistory;
    private final int obsSize;
    private final int sensorSize;
    /** Per env: the raw reading pushed last, for features that difference counters. */
    private final double[] previous;
    /** Per env: {@code history} feature frames in a ring, newest at {@code head[env]}. */
    private final float[] frames;
    private final int[] head;
    /** Per env: the last {@code actionHistory} commands, newest first. */
    private final float[] lastActions;

    public ObservationBuilder(RobotTask task, int envs) {
        if (envs < 1) {
            throw new IllegalArgumentException("envs must be >= 1, got " + envs);
        }
        ObservationSpec spec = task.observationSpec();
        this.task = task;
        this.envs = envs;
        this.featureSize = spec.features().size();
        this.history = spec.historyLength();
        this.actionSize = task.actions().size();
        this.actionHistory = spec.actionHistory();
        this.obsSize = task.observationSize();
        this.frames = new float[envs * history * featureSize];
        this.head = new int[envs];
        this.lastActions = new float[envs * actionHistory * actionSize];
        this.sensorSize = task.sensors().size();
        this.previous = new double[envs * sensorSize];
    }

    public RobotTask task() {
        return task;
    }

    public int envs() {
        return envs;
    }

    public int observationSize() {
        return obsSize;
    }

    /** Starts an episode: every history slot holds this first reading, the last commands are zero. */
    public void reset(int env, double[] sensors, int sensorsOffset) {
        int base = env * history * featureSize;
        task.features(sensors, sensorsOffset, sensors, sensorsOffset, frames, base);
        System.arraycopy(sensors, sensorsOffset, previous, env * sensorSize, sensorSize);
        for (int k = 1; k < history; k++) {
            System.arraycopy(frames, base, frames, base + k * featureSize, featureSize);
        }
        head[env] = 0;
        int commands = actionHistory * actionSize;
        java.util.Arrays.fill(lastActions, env * commands, (env + 1) * commands, 0f);
    }

    /** Records a new reading and the command that was applied before it. */
    public void push(int env, double[] sensors, int sensorsOffset, double[] action, int actionOffset) {
        int h = head[env] - 1;
        if (h < 0) {
            h = history - 1;
        }
        head[env] = h;
        task.features(sensors, sensorsOffset, previous, env * sensorSize, frames, (env * history + h) * featureSize);
        System.arraycopy(sensors, sensorsOffset, previous, env * sensorSize, sensorSize);
        if (actionHistory > 0) {
            int a = env * actionHistory * actionSize;
            System.arraycopy(lastActions, a, lastActions, a + actionSize, (actionHistory - 1) * actionSize);
            for (int i = 0; i < actionSize; i++) {
                lastActions[a + i] = (float) action[actionOffset + i];
            }
        }
    }

    /** Writes env's observation (newest reading first) at {@code out[outOffset]}. */
    public void write(int env, float[] out, int outOffset) {
        int base = env * history * featureSize;
        int o = outOffset;
        int slot = head[env];
        for (int k = 0; k < history; k++, slot++) {
            if (slot == history) {
                slot = 0;
            }
            System.arraycopy(frames, base + slot * featureSize, out, o, featureSize);
            o += featureSize;
        }
        int commands = actionHistory * actionSize;
        System.arraycopy(lastActions, env * commands, out, o, commands);
    }
}
