package dev.sim2pi.sim.replay;

import java.math.BigDecimal;

/**
 * Numbers as text that both Python's {@code float()} and Java's {@code Double.parseDouble} read
 * back to the same double: the shortest digits that round-trip (Java 19+ {@code Double.toString}
 * digits), laid out as Python's {@code repr} does: {@code 0.25}, {@code 1.0}, {@code 1e-05},
 * {@code 1.5e+16}. Non-finite values are {@code NaN}, {@code Infinity}, {@code -Infinity}, which
 * both parsers accept.
 */
public final class Decimals {

    private Decimals() {
    }

    /** The shortest round-tripping decimal of {@code value}, in Python {@code repr} layout. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        if (exact.precision() == 2) {
            // Java prints at least two digits (4.9E-324); Python keeps one when one round-trips (5e-324).
            BigDecimal one = exact.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(value)) {
                exact = one.stripTrailingZeros();
            }
        }
        String digits = exact.unscaledValue().toString();
        // value = 0.<digits> x 10^point
        int point = digits.length() - exact.scale();
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
        }
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                sb.append("0.").append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                sb.append('0');
            }
            sb.append(magnitude);
        }
        return sb.toString();
    }

    /**
     * Parses a number as Java or Python writes it ({@code 1e-05}, {@code NaN}, {@code nan},
     * {@code inf}, {@code -Infinity}); anything else throws {@link NumberFormatException}.
     */
    public static double parse(String text) {
        String t = text.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException("not a number: '" + text + "'");
        }
        return Double.parseDouble(t);
    }
}
