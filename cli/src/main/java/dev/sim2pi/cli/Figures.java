package dev.sim2pi.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The closing {@code key=value} line every bench subcommand prints, in insertion order. */
public final class Figures {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Figures put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1"));
        return this;
    }

    public Figures put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    public Figures put(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("figure '" + key + "' must be one word, got '" + value + "'");
        }
        values.put(key, value);
        return this;
    }

    /** Prints the figures as the last line of output. */
    public void print(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        out.println(sb);
        out.flush();
    }
}
