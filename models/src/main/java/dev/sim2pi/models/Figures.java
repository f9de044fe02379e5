package dev.sim2pi.models;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closing {@code key=value} line every bench subcommand (and {@code controller run}) prints, in insertion order.
 * A number reads back as the value put: whole numbers exactly, others rounded to six
 * significant digits (never fewer than the digits of the integer part), in plain decimal.
 */
public final class Figures {

    private static final int SIGNIFICANT_DIGITS = 6;

    private final Map<String, String> values = new LinkedHashMap<>();

    public Figures put(String key, double value) {
        values.put(key(key), format(value));
        return this;
    }

    public Figures put(String key, long value) {
        values.put(key(key), Long.toString(value));
        return this;
    }

    public Figures put(String key, String value) {
        values.put(key(key), oneWord(key, value));
        return this;
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        int integerDigits = Math.max(0, exact.precision() - exact.scale());
        MathContext rounding = new MathContext(Math.max(SIGNIFICANT_DIGITS, integerDigits), RoundingMode.HALF_EVEN);
        BigDecimal rounded = exact.round(rounding);
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }

    // Keys and values stay single words, or scripts splitting the line on spaces and '=' misread it.
    private static String key(String key) {
        if (key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("figure key '" + key + "' must not contain '='");
        }
        return oneWord("key", key);
    }

    private static String oneWord(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("figure '" + key + "' must be one word, got '" + value + "'");
        }
        return value;
    }

    /** Prints the figures as the last line of output. */
    public void print(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        out.println(sb);
        out.flush();
    }
}
