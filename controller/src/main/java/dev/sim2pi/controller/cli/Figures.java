package dev.sim2pi.controller.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The closing {@code key=value} line of {@code run} and {@code bench}, in insertion order. */
final class Figures {

    private final Map<String, String> values = new LinkedHashMap<>();

    Figures put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1"));
        return this;
    }

    Figures put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    /** Prints the figures as one line. */
    void print(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        out.println(sb);
        out.flush();
    }
}
