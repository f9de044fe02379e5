package dev.sim2pi.bridge.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sim2pi.models.InputException;
import java.util.Iterator;
import java.util.Set;

/**
 * One JSON object of a wiring file with its path ({@code devices.imu.calibration}), so every
 * complaint names the file and the entry.
 */
final class Entry {

    private final String source;
    private final String path;
    private final JsonNode node;

    Entry(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    InputException error(String message) {
        return new InputException(source + ": " + path + ": " + message);
    }

    InputException error(String key, String message) {
        return new InputException(source + ": " + path + "." + key + ": " + message);
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** Fails on any key outside {@code allowed} (a typo must not silently mean "use the default"). */
    void onlyKeys(Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k) && !k.startsWith("_")) {
                throw error(k, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    Entry object(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isObject()) {
            throw error(key, n == null ? "missing (expected an object)" : "expected an object");
        }
        return new Entry(source, path + "." + key, n);
    }

    String string(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isTextual()) {
            throw error(key, n == null ? "missing (expected a string)" : "expected a string, got " + n);
        }
        return n.asText();
    }

    String optString(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    double number(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw error(key, n == null ? "missing (expected a number)" : "expected a number, got " + n);
        }
        return n.asDouble();
    }

    double optNumber(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    int integer(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error(key, n == null ? "missing (expected a whole number)" : "expected a whole number, got " + n);
        }
        return n.asInt();
    }

    int optInteger(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    boolean optBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode n = node.get(key);
        if (!n.isBoolean()) {
            throw error(key, "expected true or false, got " + n);
        }
        return n.asBoolean();
    }

    /** An I2C address written as a number or a string like {@code "0x68"}. */
    int address(String key) {
        JsonNode n = node.get(key);
        if (n == null) {
            throw error(key, "missing (expected an I2C address like \"0x68\")");
        }
        try {
            if (n.isIntegralNumber()) {
                return n.asInt();
            }
            String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(key, "'" + n.asText() + "' is not an I2C address (expected like \"0x68\")");
        }
    }
}
