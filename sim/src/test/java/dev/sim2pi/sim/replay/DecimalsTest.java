package dev.sim2pi.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void laysOutNumbersAsPythonRepr() {
        assertEquals("0.1", Decimals.format(0.1));
        assertEquals("1.0", Decimals.format(1.0));
        assertEquals("-0.0", Decimals.format(-0.0));
        assertEquals("1e-05", Decimals.format(1e-5));
        assertEquals("0.0001", Decimals.format(1e-4));
        assertEquals("1e+16", Decimals.format(1e16));
        assertEquals("1000000000000000.0", Decimals.format(1e15));
        assertEquals("123456.789", Decimals.format(123456.789));
        assertEquals("-2.5e-300", Decimals.format(-2.5e-300));
        assertEquals("5e-324", Decimals.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", Decimals.format(Double.MAX_VALUE));
        assertEquals("NaN", Decimals.format(Double.NaN));
        assertEquals("-Infinity", Decimals.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyFormattedDoubleParsesBackToTheSameBits() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble(-10, 10);
            if (Double.isNaN(v)) {
                continue;
            }
            String text = Decimals.format(v);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Decimals.parse(text)), text);
        }
    }

    @Test
    void reproducesEveryNumberPythonWroteInTheReferenceFiles() throws Exception {
        for (String file : List.of("pendulum_v1.csv", "mountaincar_continuous_v0.csv")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    getClass().getResourceAsStream("/gymnasium/" + file), StandardCharsets.UTF_8))) {
                String[] header = in.readLine().split(",");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",");
                    for (int c = 0; c < f.length; c++) {
                        if (List.of("episode", "seed", "t", "terminated", "truncated").contains(header[c])) {
                            continue;
                        }
                        assertEquals(f[c], Decimals.format(Double.parseDouble(f[c])), file + " " + header[c]);
                    }
                }
            }
        }
    }

    @Test
    void readsPythonSpellingsOfSpecialValuesAndRejectsText() {
        assertEquals(Double.POSITIVE_INFINITY, Decimals.parse("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, Decimals.parse("-Infinity"));
        assertEquals(Double.NaN, Decimals.parse("nan"));
        assertEquals(1e-5, Decimals.parse("1e-05"));
        assertThrows(NumberFormatException.class, () -> Decimals.parse("0x1p3"));
        assertThrows(NumberFormatException.class, () -> Decimals.parse("1.0f"));
        assertThrows(NumberFormatException.class, () -> Decimals.parse(""));
    }
}
