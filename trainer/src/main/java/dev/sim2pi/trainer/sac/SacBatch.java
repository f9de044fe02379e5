package dev.sim2pi.trainer.sac;

/**
 * One minibatch for a gradient update, with the Gaussian noise both reparameterized samples use,
 * so every engine computes the same update from the same batch. One row array per sample;
 * buffers are reused between updates and {@link #size} rows are valid.
 */
public final class SacBatch {

    public final int capacity;
    public final int observationSize;
    public final int actionSize;
    /** Normalized observations. */
    public final float[][] observations;
    /** Squashed actions in [-1, 1]. */
    public final float[][] actions;
    /** Reward, summed over the n steps with discounting. */
    public final float[] rewards;
    /** Normalized observation n steps later. */
    public final float[][] nextObservations;
    /** {@code gamma^n} when the return bootstraps from {@link #nextObservations}, 0 after a terminal state. */
    public final float[] discounts;
    /** 1 where a demonstrating controller chose the action, else 0. */
    public final float[] demonstrated;
    /**
     * 1 where the actor (and temperature) may learn from the row's state, 0 where it must not (a
     * recorded state whose command a safety layer chose); the critics learn from every row.
     */
    public final float[] actorMask;
    /** Standard normal noise of the next-state action sample. */
    public final float[][] nextNoise;
    /** Standard normal noise of the current-state action sample. */
    public final float[][] noise;
    public int size;

    public SacBatch(int capacity, int observationSize, int actionSize) {
        this.capacity = capacity;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new float[capacity][observationSize];
        this.actions = new float[capacity][actionSize];
        this.rewards = new float[capacity];
        this.nextObservations = new float[capacity][observationSize];
        this.discounts = new float[capacity];
        this.demonstrated = new float[capacity];
        this.actorMask = new float[capacity];
        java.util.Arrays.fill(actorMask, 1f);
        this.nextNoise = new float[capacity][actionSize];
        this.noise = new float[capacity][actionSize];
        this.size = capacity;
    }
}
