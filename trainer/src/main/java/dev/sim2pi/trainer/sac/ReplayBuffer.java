package dev.sim2pi.trainer.sac;

import dev.sim2pi.sim.Rng;

/**
 * A ring of transitions in flat primitive arrays (raw observations, squashed actions, n-step
 * rewards, bootstrap observations, discounts, and whether a demonstrator chose the action).
 * Capacity can be millions: about {@code 4 * (2 * obs + act + 3)} bytes per transition, and nothing is allocated after
 * construction. Once full, the oldest transition is overwritten.
 */
public final class ReplayBuffer {

    private final int capacity;
    private final int obsSize;
    private final int actSize;
    final float[] observations;
    final float[] actions;
    final float[] rewards;
    final float[] nextObservations;
    final float[] discounts;
    /** 1 where a demonstrating controller chose the action, else 0. */
    final float[] demonstrated;
    private int next;
    private int size;

    public ReplayBuffer(int capacity, int observationSize, int actionSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.obsSize = observationSize;
        this.actSize = actionSize;
        this.observations = new float[Math.multiplyExact(capacity, observationSize)];
        this.actions = new float[Math.multiplyExact(capacity, actionSize)];
        this.rewards = new float[capacity];
        this.nextObservations = new float[Math.multiplyExact(capacity, observationSize)];
        this.discounts = new float[capacity];
        this.demonstrated = new float[capacity];
    }

    public int observationSize() {
        return obsSize;
    }

    public int actionSize() {
        return actSize;
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** Index the next transition is written to. */
    public int position() {
        return next;
    }

    /** Appends one transition ({@code demonstration} when a demonstrator chose the action), overwriting the oldest when full. */
    public void add(float[] obs, int obsOffset, float[] action, int actionOffset, float reward,
                    float[] nextObs, int nextOffset, float discount, boolean demonstration) {
        System.arraycopy(obs, obsOffset, observations, next * obsSize, obsSize);
        System.arraycopy(action, actionOffset, actions, next * actSize, actSize);
        rewards[next] = reward;
        System.arraycopy(nextObs, nextOffset, nextObservations, next * obsSize, obsSize);
        discounts[next] = discount;
        demonstrated[next] = demonstration ? 1f : 0f;
        next = next + 1 == capacity ? 0 : next + 1;
        if (size < capacity) {
            size++;
        }
    }

    /**
     * Fills {@code batch} with {@code batch.size} transitions drawn uniformly with replacement,
     * observations normalized by {@code normalizer}, and fresh policy noise.
     */
    public void sample(Rng rng, ObservationNormalizer normalizer, SacBatch batch) {
        sample(rng, normalizer, batch, 0, batch.size);
    }

    /** As {@link #sample(Rng, ObservationNormalizer, SacBatch)}, for the batch rows {@code [from, to)} only. */
    public void sample(Rng rng, ObservationNormalizer normalizer, SacBatch batch, int from, int to) {
        if (size == 0) {
            throw new IllegalStateException("sampling an empty replay buffer");
        }
        for (int b = from; b < to; b++) {
            int i = rng.index(size);
            normalizer.normalize(observations, i * obsSize, batch.observations[b]);
            normalizer.normalize(nextObservations, i * obsSize, batch.nextObservations[b]);
            System.arraycopy(actions, i * actSize, batch.actions[b], 0, actSize);
            batch.rewards[b] = rewards[i];
            batch.discounts[b] = discounts[i];
            batch.demonstrated[b] = demonstrated[i];
            batch.actorMask[b] = 1f;
        }
        for (int b = from; b < to; b++) {
            for (int j = 0; j < actSize; j++) {
                batch.noise[b][j] = (float) rng.gaussian();
                batch.nextNoise[b][j] = (float) rng.gaussian();
            }
        }
    }

    /** Restores contents written by a checkpoint. */
    void restore(int position, int count) {
        this.next = position;
        this.size = count;
    }
}
