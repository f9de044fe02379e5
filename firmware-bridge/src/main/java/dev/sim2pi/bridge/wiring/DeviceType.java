package dev.sim2pi.bridge.wiring;

import java.util.Map;
import java.util.Set;

/**
 * The device types a wiring file may name, the keys each entry may have, and the signals a
 * sensor device offers with their units.
 */
public enum DeviceType {
    PCA9685("pca9685", Set.of("bus", "address", "frequencyHz"), Map.of()),
    MPU6050("mpu6050", Set.of("bus", "address", "gyroRangeDps", "accelRangeG", "lowPassHz", "sampleRateHz", "axes"),
            Map.of("rate_x", "rad/s", "rate_y", "rad/s", "rate_z", "rad/s",
                    "accel_x", "m/s^2", "accel_y", "m/s^2", "accel_z", "m/s^2", "temperature", "degC")),
    HBRIDGE("hbridge", Set.of("mode", "pwm", "in1", "in2", "standby", "inverted"), Map.of()),
    SERVO("servo", Set.of("pwm"), Map.of()),
    QUADRATURE_ENCODER("quadrature-encoder", Set.of("pinA", "pinB", "pull", "inverted"), EncoderSignals.UNITS),
    ADS1115("ads1115", Set.of("bus", "address", "input", "fullScaleVolts", "dataRateSps"), Map.of("volts", "V")),
    MCU("mcu", Set.of("port", "baud", "heartbeatTimeoutMs", "reportPeriodMs", "pwmFrequencyHz", "commandTtlMs"), Map.of("battery", "V")),
    MCU_MOTOR("mcu-motor", Set.of("mcu", "channel", "inverted"), Map.of()),
    MCU_ENCODER("mcu-encoder", Set.of("mcu", "channel", "inverted"), EncoderSignals.UNITS);

    private final String jsonName;
    private final Set<String> keys;
    private final Map<String, String> signals;

    DeviceType(String jsonName, Set<String> keys, Map<String, String> signals) {
        this.jsonName = jsonName;
        this.keys = keys;
        this.signals = signals;
    }

    /** The name used in wiring files. */
    public String jsonName() {
        return jsonName;
    }

    /** Keys an entry of this type may have besides {@code type} and {@code calibration}. */
    public Set<String> keys() {
        return keys;
    }

    /** Signal name to SI unit, for sensor devices; empty for actuators and hubs. */
    public Map<String, String> signals() {
        return signals;
    }

    public boolean isMotor() {
        return this == HBRIDGE || this == MCU_MOTOR;
    }

    public boolean isEncoder() {
        return this == QUADRATURE_ENCODER || this == MCU_ENCODER;
    }

    /** The type called {@code name} in a wiring file, or null. */
    public static DeviceType byJsonName(String name) {
        for (DeviceType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Every type name, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (DeviceType t : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.jsonName);
        }
        return sb.toString();
    }

    /** Signals every encoder offers. */
    static final class EncoderSignals {
        static final Map<String, String> UNITS = Map.of("ticks", "1", "angle", "rad", "rate", "rad/s",
                "distance", "m", "speed", "m/s");

        private EncoderSignals() {
        }
    }
}
