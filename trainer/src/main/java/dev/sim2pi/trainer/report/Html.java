package dev.sim2pi.trainer.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Escaping and number formatting for the report page. */
final class Html {

    /** What a missing or non-finite number shows as. */
    static final String NONE = "n/a";

    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A number as the page shows it: whole numbers exactly, others to six significant digits (never
     * fewer than the integer part has), plain decimal; so a reader (and the test) can compare it
     * with the run's files.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal exact = new BigDecimal(value);
        int integerDigits = Math.max(0, exact.precision() - exact.scale());
        BigDecimal rounded = exact.round(new MathContext(Math.max(6, integerDigits), RoundingMode.HALF_EVEN));
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }

    /** A cell's text: numbers formatted by {@link #number}, null as {@link #NONE}, anything else as text. */
    static String cell(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        return value.toString();
    }
}
