package dev.sim2pi.sim.motor;

import dev.sim2pi.sim.Rng;

/**
 * Cheap replacements for library calls on plant hot paths, each with its accuracy stated and
 * tested: polynomial sine and cosine for angles within {@code +-pi/2} (body pitch, which the
 * ground keeps there) or, folded, any wrapped angle (a pole that turns freely), and near-normal
 * noise from one random word.
 */
public final class FastMath {

    /** Largest |angle| {@link #sin} and {@link #cos} are accurate for (error below 1e-9). */
    public static final double TRIG_RANGE = 1.5;

    private FastMath() {
    }

    /** Sine of {@code x} for {@code |x| <= 1.5} (Taylor to x^13, error below 4e-10). */
    public static double sin(double x) {
        double x2 = x * x;
        return x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880
                + x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800.0)))))));
    }

    /** Cosine of {@code x} for {@code |x| <= 1.5} (Taylor to x^14, error below 1e-10). */
    public static double cos(double x) {
        double x2 = x * x;
        return 1 + x2 * (-0.5 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320 + x2 * (-1.0 / 3628800
                + x2 * (1.0 / 479001600 + x2 * (-1.0 / 87178291200.0)))))));
    }

    /** {@code angle} wrapped into {@code [-pi, pi]}. */
    public static double wrap(double angle) {
        return angle - TWO_PI * Math.rint(angle * (1 / TWO_PI));
    }

    /** Sine of any angle already in {@code [-pi, pi]} (folded into the polynomial's range). */
    public static double sinWrapped(double a) {
        double folded = Math.abs(a) > HALF_PI ? Math.copySign(Math.PI, a) - a : a;
        return sin(folded);
    }

    /** Cosine of any angle already in {@code [-pi, pi]} (folded into the polynomial's range). */
    public static double cosWrapped(double a) {
        return Math.abs(a) > HALF_PI ? -cos(Math.copySign(Math.PI, a) - a) : cos(a);
    }

    private static final double TWO_PI = 2 * Math.PI;
    private static final double HALF_PI = 0.5 * Math.PI;

    /**
     * Zero-mean, unit-variance noise: the sum of four uniform 16-bit draws from one random word,
     * rescaled (Irwin-Hall, n = 4). Its density is within a few percent of the normal one out to
     * 2.5 sigma and it is bounded at +-3.46 sigma, which sensor noise from vibration and
     * quantization also is; it costs one generator call instead of a logarithm and a square root.
     */
    public static double noise(Rng rng) {
        long w = rng.nextLong();
        long sum = (w & 0xFFFF) + ((w >>> 16) & 0xFFFF) + ((w >>> 32) & 0xFFFF) + (w >>> 48);
        // Each chunk is uniform on {0..65535}: mean 32767.5, variance (65536^2 - 1) / 12.
        return (sum - 4 * 32767.5) * NOISE_SCALE;
    }

    private static final double NOISE_SCALE = 1 / Math.sqrt(4 * (65536.0 * 65536.0 - 1) / 12);
}
