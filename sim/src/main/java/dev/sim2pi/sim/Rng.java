package dev.sim2pi.sim;

/**
 * The project's one random stream (SplitMix64 seeding into xoshiro256**), for the simulator and
 * the trainer alike. Unlike {@link java.util.SplittableRandom} it can be reseeded in place, so
 * per-episode draws are reproducible from (seed, env, episode) without allocating on reset, and
 * its whole state can be read and restored, so a training checkpoint resumes minibatch sampling
 * and exploration noise exactly.
 */
public final class Rng {

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        reseed(seed);
    }

    /** A seed for the stream of (seed, env, episode), well mixed so neighbours are unrelated. */
    public static long mix(long seed, long env, long episode) {
        long h = splitMix(seed ^ 0x6a09e667f3bcc909L);
        h = splitMix(h ^ env * 0x9e3779b97f4a7c15L);
        return splitMix(h ^ episode * 0xbf58476d1ce4e5b9L);
    }

    public void reseed(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9e3779b97f4a7c15L);
        s1 = splitMix(x += 0x9e3779b97f4a7c15L);
        s2 = splitMix(x += 0x9e3779b97f4a7c15L);
        s3 = splitMix(x + 0x9e3779b97f4a7c15L);
        hasSpare = false;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /**
     * Uniform index in [0, bound) from the top 32 bits (bias below 2^-32 per draw for bounds
     * under 2^31). The trainer's replay sampling uses it. It rounds differently from
     * {@link #nextInt} now and then; both stay, because the simulator's and the trainer's streams
     * were separate generators before, and keeping each call site's arithmetic keeps seeded runs
     * (and the shipped bundles' reproduce commands) drawing exactly what they drew.
     */
    public int index(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Standard normal (polar Box-Muller, caching the second value). */
    public double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** The full state: four words, the cached normal's bits and whether it is valid (1) or not (0). */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian), hasSpare ? 1 : 0};
    }

    /** Restores a {@link #state()}. */
    public void restore(long[] state) {
        if (state.length != 6) {
            throw new IllegalArgumentException("an Rng state has 6 words, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        spareGaussian = Double.longBitsToDouble(state[4]);
        hasSpare = state[5] != 0;
    }
}
