package dev.sim2pi.bridge.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One validated device entry of a wiring file. Settings are read by key; {@link WiringReader}
 * has already checked that every key the device's type needs is present and in range.
 *
 * @param name     the entry's name (its key under {@code devices})
 * @param type     the device type
 * @param settings the entry's JSON object
 */
public record DeviceSpec(String name, DeviceType type, JsonNode settings) {

    public int bus() {
        return settings.path("bus").asInt(1);
    }

    public int address() {
        JsonNode n = settings.get("address");
        String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
        return n.isIntegralNumber() ? n.asInt() : s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    public int integer(String key, int fallback) {
        return settings.path(key).asInt(fallback);
    }

    public double number(String key, double fallback) {
        return settings.path(key).asDouble(fallback);
    }

    public String string(String key, String fallback) {
        JsonNode n = settings.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    public boolean flag(String key) {
        return settings.path(key).asBoolean(false);
    }

    /** Calibration value {@code key}, or {@code fallback} when absent. */
    public double calibration(String key, double fallback) {
        return calibrationNode().path(key).asDouble(fallback);
    }

    public boolean hasCalibration(String key) {
        return calibrationNode().has(key);
    }

    private JsonNode calibrationNode() {
        JsonNode c = settings.get("calibration");
        return c == null ? JsonNodeFactory.instance.objectNode() : c;
    }

    /** The PWM source under {@code key} (an object with {@code gpio} or {@code pca9685}). */
    public PwmRef pwm(String key) {
        return refOf(settings.get(key));
    }

    /** Reads a PWM or line reference: a GPIO number, {"gpio", "frequencyHz"} or {"pca9685", "channel"}. */
    public static PwmRef refOf(JsonNode n) {
        if (n.isIntegralNumber()) {
            return new PwmRef(n.asInt(), 0, null, -1);
        }
        if (n.has("pca9685")) {
            return new PwmRef(-1, 0, n.get("pca9685").asText(), n.path("channel").asInt(-1));
        }
        return new PwmRef(n.path("gpio").asInt(-1), n.path("frequencyHz").asInt(0), null, -1);
    }

    public boolean has(String key) {
        return settings.has(key) && !settings.get(key).isNull();
    }

    @Override
    public String toString() {
        return "devices." + name + " (" + type.jsonName() + ")";
    }
}
