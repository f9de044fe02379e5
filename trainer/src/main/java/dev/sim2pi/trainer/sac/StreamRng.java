package dev.sim2pi.trainer.sac;

/**
 * The trainer's random stream (xoshiro256** seeded by SplitMix64) whose whole state can be read
 * and restored, so a checkpoint resumes minibatch sampling and exploration noise exactly.
 */
public final class StreamRng {

    private final long[] s = new long[4];
    private double spare;
    private boolean hasSpare;

    public StreamRng(long seed) {
        long x = seed;
        for (int i = 0; i < 4; i++) {
            x += 0x9e3779b97f4a7c15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            s[i] = z ^ (z >>> 31);
        }
    }

    public long nextLong() {
        long result = Long.rotateLeft(s[1] * 5, 7) * 9;
        long t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Long.rotateLeft(s[3], 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in [0, bound), without modulo bias worth noticing for bounds below 2^31. */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Standard normal (polar Box-Muller). */
    public double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double q;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double m = Math.sqrt(-2 * Math.log(q) / q);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** The full state: four words, the cached normal and whether it is valid. */
    public long[] state() {
        return new long[] {s[0], s[1], s[2], s[3], Double.doubleToRawLongBits(spare), hasSpare ? 1 : 0};
    }

    public void restore(long[] state) {
        System.arraycopy(state, 0, s, 0, 4);
        spare = Double.longBitsToDouble(state[4]);
        hasSpare = state[5] != 0;
    }
}
