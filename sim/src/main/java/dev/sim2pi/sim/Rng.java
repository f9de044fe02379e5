package dev.sim2pi.sim;

/**
 * A small, fast, reseedable random stream (SplitMix64 seeding into xoshiro256**). Unlike
 * {@link java.util.SplittableRandom} it can be reseeded in place, so per-episode draws are
 * reproducible from (seed, env, episode) without allocating on reset.
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
}
