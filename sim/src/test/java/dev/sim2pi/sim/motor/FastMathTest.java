package dev.sim2pi.sim.motor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

class FastMathTest {

    @Test
    void polynomialSineAndCosineMatchTheLibraryWithinTheirRange() {
        double worst = 0;
        for (double x = -FastMath.TRIG_RANGE; x <= FastMath.TRIG_RANGE; x += 1e-4) {
            worst = Math.max(worst, Math.abs(FastMath.sin(x) - Math.sin(x)));
            worst = Math.max(worst, Math.abs(FastMath.cos(x) - Math.cos(x)));
        }
        assertTrue(worst < 1e-9, "worst error " + worst);
    }

    @Test
    void foldedSineAndCosineMatchTheLibraryForAnyAngle() {
        double worst = 0;
        for (double x = -40; x <= 40; x += 1.3e-3) {
            double w = FastMath.wrap(x);
            assertTrue(Math.abs(w) <= Math.PI + 1e-12, "wrapped " + x + " to " + w);
            worst = Math.max(worst, Math.abs(FastMath.sinWrapped(w) - Math.sin(x)));
            worst = Math.max(worst, Math.abs(FastMath.cosWrapped(w) - Math.cos(x)));
        }
        assertTrue(worst < 1e-9, "worst error " + worst);
    }

    @Test
    void noiseHasZeroMeanUnitVarianceAndNormalLikeTails() {
        Rng rng = new Rng(7);
        int n = 400_000;
        double sum = 0;
        double sq = 0;
        int beyondTwoSigma = 0;
        for (int i = 0; i < n; i++) {
            double z = FastMath.noise(rng);
            sum += z;
            sq += z * z;
            if (Math.abs(z) > 2) {
                beyondTwoSigma++;
            }
            assertTrue(Math.abs(z) <= Math.sqrt(12) / 2 * 2, "bounded at 3.46 sigma");
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.01);
        // Normal: 4.55 % beyond 2 sigma; Irwin-Hall(4): 4.0 %.
        assertEquals(0.043, (double) beyondTwoSigma / n, 0.005);
    }
}
