package dev.sim2pi.sim.env;

/**
 * {@code (float) Math.cos(x)}, bit for bit, for about a third of the cost: an observation that is
 * float32 needs the cosine only to float precision, and a polynomial gets that almost always.
 *
 * <p>How it stays exact: the polynomial value {@code c} is within {@link #BRACKET} of
 * {@code Math.cos(x)} (its own error, from the argument reduction and the rounding of each
 * operation, is below 1e-15 for {@code |x| <= }{@link #RANGE}, and {@code Math.cos} is within one
 * double ulp of the true cosine, at most 2^-53 here; the bracket is 2^-44, over 50 times both).
 * Rounding to float is monotonic, so when {@code c - BRACKET} and {@code c + BRACKET} round to the
 * same float, {@code Math.cos(x)} rounds to it too. Otherwise the cosine lies that close to a
 * rounding boundary between two floats (a few times in 10^5 calls), or {@code x} is out of range
 * or not finite, and {@code Math.cos} decides.
 */
final class FloatCosine {

    /** Largest |x| the polynomial path takes; beyond it (or for NaN) {@code Math.cos} is called. */
    static final double RANGE = 1 << 20;
    /** Half-width of the interval known to hold {@code Math.cos(x)} around the polynomial's value. */
    static final double BRACKET = 0x1p-44;

    /** pi in three parts: PI_1 keeps 32 significant bits, so k * PI_1 and k * PI_2 are exact for |k| < 2^21. */
    private static final double PI_1 = Double.longBitsToDouble(Double.doubleToRawLongBits(Math.PI) & ~((1L << 21) - 1));
    private static final double PI_2 = Math.PI - PI_1;
    /** pi - Math.PI, rounded to double. */
    private static final double PI_3 = 1.2246467991473532e-16;
    private static final double INV_PI = 1 / Math.PI;

    // Taylor coefficients (-1)^n / (2n)! of cos, n = 1..10: on |r| <= pi/2 the first term left
    // out, (pi/2)^22 / 22!, is below 2e-17.
    private static final double C1 = -1.0 / 2;
    private static final double C2 = 1.0 / 24;
    private static final double C3 = -1.0 / 720;
    private static final double C4 = 1.0 / 40320;
    private static final double C5 = -1.0 / 3628800;
    private static final double C6 = 1.0 / 479001600;
    private static final double C7 = -1.0 / 87178291200.0;
    private static final double C8 = 1.0 / 20922789888000.0;
    private static final double C9 = -1.0 / 6402373705728000.0;
    private static final double C10 = 1.0 / 2432902008176640000.0;

    private FloatCosine() {
    }

    /** Exactly {@code (float) Math.cos(x)}. */
    static float of(double x) {
        if (!(Math.abs(x) <= RANGE)) {
            return (float) Math.cos(x);
        }
        double c = approximate(x);
        float low = (float) (c - BRACKET);
        return low == (float) (c + BRACKET) ? low : (float) Math.cos(x);
    }

    /** cos x for |x| <= RANGE, to within 1e-15: cos(k pi + r) = (-1)^k cos r with |r| <= pi/2. */
    static double approximate(double x) {
        double k = Math.rint(x * INV_PI);
        double r = x - k * PI_1 - k * PI_2 - k * PI_3;
        double r2 = r * r;
        double p = C10;
        p = p * r2 + C9;
        p = p * r2 + C8;
        p = p * r2 + C7;
        p = p * r2 + C6;
        p = p * r2 + C5;
        p = p * r2 + C4;
        p = p * r2 + C3;
        p = p * r2 + C2;
        p = p * r2 + C1;
        double cos = p * r2 + 1;
        // k is a whole number below 2^21: half of it is whole exactly when k is even.
        double half = k * 0.5;
        return half == Math.floor(half) ? cos : -cos;
    }
}
