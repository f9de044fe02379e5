package dev.sim2pi.trainer.sac;

/**
 * Turns each environment's stream of one-step transitions into n-step transitions
 * ({@code r_t + g r_t+1 + ... + g^(n-1) r_t+n-1}, bootstrapping with {@code g^n} from the
 * observation n steps later, or with 0 after a terminal state) and writes them to the replay
 * buffer. At the end of an episode the pending shorter returns are flushed. With n = 1 it
 * passes transitions straight through.
 */
public final class NStepAccumulator {

    private final int n;
    private final int envs;
    private final int obsSize;
    private final int actSize;
    private final double gamma;
    private final float[] obs;
    private final float[] act;
    private final float[] rew;
    private final boolean[] demo;
    /** Per env: index of the oldest pending step and how many are pending. */
    private final int[] start;
    private final int[] count;

    public NStepAccumulator(int n, int envs, int observationSize, int actionSize, double gamma) {
        this.n = n;
        this.envs = envs;
        this.obsSize = observationSize;
        this.actSize = actionSize;
        this.gamma = gamma;
        this.obs = new float[envs * n * observationSize];
        this.act = new float[envs * n * actionSize];
        this.rew = new float[envs * n];
        this.demo = new boolean[envs * n];
        this.start = new int[envs];
        this.count = new int[envs];
    }

    /**
     * Records env {@code e}'s step from {@code observation} with {@code action} (squashed) and
     * {@code reward}, reaching {@code nextObservation}; {@code ended} when the episode ended there
     * (terminated or truncated), {@code terminated} when it reached a terminal state;
     * {@code demonstration} when a demonstrator chose the action.
     */
    public void add(ReplayBuffer replay, int e, float[] observation, int obsOffset, float[] action, int actOffset,
                    boolean demonstration, float reward, float[] nextObservation, int nextOffset, boolean ended,
                    boolean terminated) {
        int slot = (start[e] + count[e]) % n;
        int k = e * n + slot;
        System.arraycopy(observation, obsOffset, obs, k * obsSize, obsSize);
        System.arraycopy(action, actOffset, act, k * actSize, actSize);
        rew[k] = reward;
        demo[k] = demonstration;
        count[e]++;
        if (count[e] == n) {
            emit(replay, e, nextObservation, nextOffset, terminated);
        }
        if (ended) {
            while (count[e] > 0) {
                emit(replay, e, nextObservation, nextOffset, terminated);
            }
            start[e] = 0;
        }
    }

    /** Writes the oldest pending step of env {@code e} with the return over every pending step. */
    private void emit(ReplayBuffer replay, int e, float[] nextObservation, int nextOffset, boolean terminated) {
        double ret = 0;
        double discount = 1;
        for (int i = 0; i < count[e]; i++) {
            ret += discount * rew[e * n + (start[e] + i) % n];
            discount *= gamma;
        }
        int k = e * n + start[e];
        replay.add(obs, k * obsSize, act, k * actSize, (float) ret, nextObservation, nextOffset,
                terminated ? 0f : (float) discount, demo[k]);
        start[e] = (start[e] + 1) % n;
        count[e]--;
    }

    /** Forgets pending steps (episodes restart after a resume). */
    public void clear() {
        java.util.Arrays.fill(start, 0);
        java.util.Arrays.fill(count, 0);
    }

    public int envs() {
        return envs;
    }
}
