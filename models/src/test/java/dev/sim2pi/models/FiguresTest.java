package dev.sim2pi.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The closing key=value line reads back as the numbers that were put, to the stated precision. */
class FiguresTest {

    private static Map<String, String> parse(Figures f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, line.lines().count(), line);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.strip().split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    private static String printed(double value) {
        return parse(new Figures().put("x", value)).get("x");
    }

    /** What a figure promises: at least six significant digits and every digit of the integer part. */
    private static double expected(double value) {
        BigDecimal exact = new BigDecimal(value);
        int integerDigits = Math.max(0, exact.precision() - exact.scale());
        return exact.round(new MathContext(Math.max(6, integerDigits), RoundingMode.HALF_EVEN)).doubleValue();
    }

    @Test
    void wholeNumbersKeepTheirTrailingZeros() {
        assertEquals("579510", printed(579510.0));
        assertEquals("100000", printed(100000.0));
        assertEquals("1000", printed(1000.0));
        assertEquals("-2500", printed(-2500.0));
        assertEquals("0", printed(0.0));
        assertEquals("120000000", printed(1.2e8));
        assertEquals("579510", parse(new Figures().put("n", 579510L)).get("n"));
    }

    @Test
    void fractionsRoundToSixSignificantDigitsWithoutPadding() {
        assertEquals("833.333", printed(2500.0 / 3));
        assertEquals("0.5", printed(0.5));
        assertEquals("3.14159", printed(Math.PI));
        assertEquals("579510", printed(579510.3));
        assertEquals("57951.3", printed(57951.25 + 0.05));
        assertEquals("0.000123457", printed(0.000123456789));
        assertEquals("NaN", printed(Double.NaN));
        assertEquals("Infinity", printed(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyIntegerValuedDoubleRoundTripsExactly() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 30_000; i++) {
            int digits = 1 + random.nextInt(15);
            double value = (double) (random.nextLong((long) Math.pow(10, digits)) * (random.nextBoolean() ? 1 : -1));
            assertEquals(value, Double.parseDouble(printed(value)), () -> "value " + value);
        }
        // Every six-digit magnitude, zeros at the end included (579510 was printed 57951).
        for (long v = 0; v <= 1_000_000; v += 17) {
            assertEquals((double) v, Double.parseDouble(printed(v)), "value " + v);
        }
    }

    @Test
    void everyDoubleReadsBackAsItsRoundedValue() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 30_000; i++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 25));
            String text = printed(value);
            assertEquals(expected(value), Double.parseDouble(text), () -> "value " + value + " printed " + text);
        }
    }

    @Test
    void longsRoundTripExactly() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong();
            assertEquals(Long.toString(value), parse(new Figures().put("n", value)).get("n"));
        }
    }

    @Test
    void keysAndWordsThatWouldBreakTheLineAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Figures().put("two words", 1L));
        assertThrows(IllegalArgumentException.class, () -> new Figures().put("a=b", 1L));
        assertThrows(IllegalArgumentException.class, () -> new Figures().put("", 1L));
        assertThrows(IllegalArgumentException.class, () -> new Figures().put("task", "two words"));
    }
}
