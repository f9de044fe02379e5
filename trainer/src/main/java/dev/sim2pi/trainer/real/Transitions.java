package dev.sim2pi.trainer.real;

import java.util.Arrays;

/**
 * Transitions built from recorded frames, structure of arrays: transition {@code i} holds the
 * observation the policy saw, the command actually applied (physical units), the reward and
 * termination the task's state estimator gives, and the next observation.
 *
 * <p><b>Safety interventions.</b> Where the safety layer set or changed the command
 * ({@link #intervened(int)}), the transition still says truly what the robot did, so a critic may
 * learn from it with the applied command; but the command was not the policy's choice, so such
 * states are kept out of the actor's data: {@link #actorIndices()} leaves them out.
 */
public final class Transitions {

    private final int observationSize;
    private final int actionSize;
    private int size;
    private float[] observations;
    private float[] nextObservations;
    private float[] actions;
    private double[] rewards;
    private boolean[] terminals;
    private boolean[] intervened;
    private int[] episodes;

    /** An empty set; {@link DatasetTransitions} fills one from recordings. */
    public Transitions(int observationSize, int actionSize) {
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        int capacity = 1024;
        observations = new float[capacity * observationSize];
        nextObservations = new float[capacity * observationSize];
        actions = new float[capacity * actionSize];
        rewards = new double[capacity];
        terminals = new boolean[capacity];
        intervened = new boolean[capacity];
        episodes = new int[capacity];
    }

    /** Appends one transition (the command in physical units). */
    public void add(float[] obs, float[] action, double reward, float[] nextObs, boolean terminal, boolean intervention,
                    int episode) {
        if (size == rewards.length) {
            int c = 2 * size;
            observations = Arrays.copyOf(observations, c * observationSize);
            nextObservations = Arrays.copyOf(nextObservations, c * observationSize);
            actions = Arrays.copyOf(actions, c * actionSize);
            rewards = Arrays.copyOf(rewards, c);
            terminals = Arrays.copyOf(terminals, c);
            intervened = Arrays.copyOf(intervened, c);
            episodes = Arrays.copyOf(episodes, c);
        }
        System.arraycopy(obs, 0, observations, size * observationSize, observationSize);
        System.arraycopy(nextObs, 0, nextObservations, size * observationSize, observationSize);
        System.arraycopy(action, 0, actions, size * actionSize, actionSize);
        rewards[size] = reward;
        terminals[size] = terminal;
        intervened[size] = intervention;
        episodes[size] = episode;
        size++;
    }

    public int size() {
        return size;
    }

    public int observationSize() {
        return observationSize;
    }

    public int actionSize() {
        return actionSize;
    }

    /** Copies transition i's observation to {@code out[offset]}. */
    public void observation(int i, float[] out, int offset) {
        System.arraycopy(observations, i * observationSize, out, offset, observationSize);
    }

    public void nextObservation(int i, float[] out, int offset) {
        System.arraycopy(nextObservations, i * observationSize, out, offset, observationSize);
    }

    /** The command applied during transition i (physical units). */
    public void action(int i, float[] out, int offset) {
        System.arraycopy(actions, i * actionSize, out, offset, actionSize);
    }

    public double reward(int i) {
        return rewards[i];
    }

    public boolean terminal(int i) {
        return terminals[i];
    }

    /** Whether the safety layer set or changed transition i's command. */
    public boolean intervened(int i) {
        return intervened[i];
    }

    /** Episode number (across all datasets read, from 0) of transition i. */
    public int episode(int i) {
        return episodes[i];
    }

    /** Transitions whose command was the policy's own: the only ones the actor learns from. */
    public int[] actorIndices() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += intervened[i] ? 0 : 1;
        }
        int[] out = new int[n];
        for (int i = 0, k = 0; i < size; i++) {
            if (!intervened[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}
