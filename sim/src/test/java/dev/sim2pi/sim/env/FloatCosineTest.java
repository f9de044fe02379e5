package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

/** {@link FloatCosine} against {@code (float) Math.cos}, compared bit for bit. */
class FloatCosineTest {

    @Test
    void equalsTheLibraryCosineRoundedToFloatEverywhere() {
        Rng rng = new Rng(13);
        double[] scales = {1, 4, 100, 1e4, FloatCosine.RANGE, 4 * FloatCosine.RANGE};
        for (double scale : scales) {
            for (int i = 0; i < 300_000; i++) {
                assertSameFloat(rng.uniform(-scale, scale));
            }
        }
    }

    @Test
    void equalsTheLibraryNearZerosAndTurnBoundariesAndForSpecialValues() {
        // Near (k + 1/2) pi the cosine is tiny and the float's ulp with it; near k pi / 2 the
        // argument reduction changes its multiple of pi.
        for (int k = -300; k <= 300; k++) {
            double centre = k * Math.PI / 2;
            for (int j = -40; j <= 40; j++) {
                assertSameFloat(centre + j * Math.ulp(centre == 0 ? 1.0 : centre));
                assertSameFloat(centre + j * 1e-9);
            }
        }
        double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MAX_VALUE, FloatCosine.RANGE, -FloatCosine.RANGE,
            Math.nextUp(FloatCosine.RANGE)};
        for (double x : special) {
            assertSameFloat(x);
        }
    }

    @Test
    void polynomialIsFarInsideItsBracket() {
        Rng rng = new Rng(17);
        double worst = 0;
        for (int i = 0; i < 300_000; i++) {
            double x = rng.uniform(-FloatCosine.RANGE, FloatCosine.RANGE) / (1 + i % 7 * 1e3);
            worst = Math.max(worst, Math.abs(FloatCosine.approximate(x) - Math.cos(x)));
        }
        // The bracket's proof needs the polynomial's own error far below 2^-44 (5.7e-14).
        assertTrue(worst < 1e-15, "worst error " + worst);
    }

    private static void assertSameFloat(double x) {
        assertEquals(Float.floatToRawIntBits((float) Math.cos(x)), Float.floatToRawIntBits(FloatCosine.of(x)),
                () -> "cos(" + x + ")");
    }
}
