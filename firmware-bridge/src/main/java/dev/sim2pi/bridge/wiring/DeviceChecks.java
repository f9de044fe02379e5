package dev.sim2pi.bridge.wiring;

import dev.sim2pi.bridge.pi4j.Ads1115;
import dev.sim2pi.bridge.pi4j.Mpu6050;
import dev.sim2pi.bridge.pi4j.Pca9685;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks each device entry against its type and keeps track of the resources the file claims
 * (GPIO pins, I2C addresses, PCA9685 and microcontroller channels) so nothing is used twice.
 */
final class DeviceChecks {

    /** The Pi's hardware PWM pins, and the PWM channel each shares. */
    private static final Map<Integer, Integer> HARDWARE_PWM_CHANNEL = Map.of(12, 0, 18, 0, 13, 1, 19, 1);
    private static final int MAX_GPIO = 27;

    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, String> channels = new HashMap<>();
    private final Map<Integer, String> hardwarePwm = new HashMap<>();
    private final Map<String, DeviceType> typesByName;

    DeviceChecks(Map<String, DeviceType> typesByName) {
        this.typesByName = typesByName;
    }

    void check(Entry e, DeviceType type) {
        Set<String> allowed = new java.util.HashSet<>(type.keys());
        allowed.add("type");
        allowed.add("calibration");
        e.onlyKeys(allowed);
        switch (type) {
            case PCA9685 -> {
                i2c(e, 0x40, 0x7F, Set.of(0x70));
                try {
                    Pca9685.prescale(e.number("frequencyHz"));
                } catch (IllegalArgumentException x) {
                    throw e.error("frequencyHz", x.getMessage());
                }
            }
            case MPU6050 -> {
                i2c(e, 0x68, 0x69, Set.of());
                try {
                    mpuSettings(e).validate();
                } catch (IllegalArgumentException x) {
                    throw e.error(x.getMessage());
                }
                if (e.has("calibration")) {
                    Entry c = e.object("calibration");
                    c.onlyKeys(Set.of("gyroBiasSamples", "gyroBiasMaxStdRadPerSecond"));
                    if (c.optInteger("gyroBiasSamples", 1) < 1) {
                        throw c.error("gyroBiasSamples", "expected >= 1");
                    }
                }
            }
            case HBRIDGE -> {
                String mode = e.optString("mode", "pwm-dir");
                if (mode.equals("pwm-dir")) {
                    pwm(e, "pwm", true);
                    line(e, "in1");
                    line(e, "in2");
                    if (e.has("standby")) {
                        pin(e, "standby", e.integer("standby"), true);
                    }
                } else if (mode.equals("two-pwm")) {
                    pwm(e, "in1", true);
                    pwm(e, "in2", true);
                    if (e.has("standby")) {
                        throw e.error("standby", "only the pwm-dir mode has a standby pin");
                    }
                } else {
                    throw e.error("mode", "'" + mode + "': expected pwm-dir (TB6612 style) or two-pwm (DRV8833 style)");
                }
                e.optBoolean("inverted", false);
            }
            case SERVO -> {
                pwm(e, "pwm", false);
                Entry c = calibration(e, "minPulseMicros");
                c.onlyKeys(Set.of("minPulseMicros", "maxPulseMicros", "minAngleRad", "maxAngleRad"));
                if (!(c.number("minPulseMicros") < c.number("maxPulseMicros"))) {
                    throw c.error("minPulseMicros must be below maxPulseMicros");
                }
                if (!(c.number("minAngleRad") < c.number("maxAngleRad"))) {
                    throw c.error("minAngleRad must be below maxAngleRad");
                }
            }
            case QUADRATURE_ENCODER -> {
                pin(e, "pinA", e.integer("pinA"), false);
                pin(e, "pinB", e.integer("pinB"), false);
                String pull = e.optString("pull", "up");
                if (!Set.of("up", "down", "none").contains(pull)) {
                    throw e.error("pull", "'" + pull + "': expected up, down or none");
                }
                e.optBoolean("inverted", false);
                encoderCalibration(e);
            }
            case ADS1115 -> {
                i2c(e, 0x48, 0x4B, Set.of());
                int input = e.integer("input");
                if (input < 0 || input > 3) {
                    throw e.error("input", input + ": expected 0..3 (AIN0..AIN3)");
                }
                Entry c = calibration(e, "dividerRatio");
                c.onlyKeys(Set.of("dividerRatio"));
                try {
                    Ads1115.checkSettings(input, e.optNumber("fullScaleVolts", 4.096), e.optInteger("dataRateSps", 128),
                            c.number("dividerRatio"));
                } catch (IllegalArgumentException x) {
                    throw e.error(x.getMessage());
                }
            }
            case MCU -> {
                e.string("port");
                if (e.optInteger("baud", 115200) <= 0) {
                    throw e.error("baud", "expected a positive baud rate");
                }
                int timeout = e.optInteger("heartbeatTimeoutMs", 200);
                if (timeout < 10 || timeout > 2000) {
                    throw e.error("heartbeatTimeoutMs", timeout + ": expected 10..2000 (PROTOCOL.md, CONFIG)");
                }
                int report = e.optInteger("reportPeriodMs", 10);
                if (report < 1 || report > 1000) {
                    throw e.error("reportPeriodMs", report + ": expected 1..1000");
                }
                int ttl = e.optInteger("commandTtlMs", Math.max(1, timeout / 4));
                if (ttl < 1 || ttl > 65535) {
                    throw e.error("commandTtlMs", ttl + ": expected 1..65535 (PROTOCOL.md, MOTOR_COMMAND)");
                }
            }
            case MCU_MOTOR, MCU_ENCODER -> {
                String mcu = e.string("mcu");
                if (typesByName.get(mcu) != DeviceType.MCU) {
                    throw e.error("mcu", "'" + mcu + "' is not an mcu device in this file");
                }
                int ch = e.integer("channel");
                if (ch < 0 || ch > 3) {
                    throw e.error("channel", ch + ": expected 0..3");
                }
                claim(channels, mcu + (type == DeviceType.MCU_MOTOR ? " motor " : " encoder ") + ch, e.path() + ".channel", e);
                e.optBoolean("inverted", false);
                if (type == DeviceType.MCU_ENCODER) {
                    encoderCalibration(e);
                }
            }
        }
    }

    static Mpu6050.Settings mpuSettings(Entry e) {
        String[] axes = null;
        if (e.has("axes")) {
            var n = e.node().get("axes");
            axes = new String[n.size()];
            for (int i = 0; i < n.size(); i++) {
                axes[i] = n.get(i).asText();
            }
        }
        return new Mpu6050.Settings(e.optInteger("gyroRangeDps", 500), e.optInteger("accelRangeG", 4),
                e.optInteger("lowPassHz", 44), e.optNumber("sampleRateHz", 200), axes);
    }

    private static Entry calibration(Entry e, String required) {
        if (!e.has("calibration")) {
            throw e.error("calibration", "missing; this " + e.node().path("type").asText() + " needs calibration." + required);
        }
        Entry c = e.object("calibration");
        if (!c.has(required)) {
            throw c.error(required, "missing calibration value");
        }
        return c;
    }

    private static void encoderCalibration(Entry e) {
        Entry c = calibration(e, "ticksPerRevolution");
        c.onlyKeys(Set.of("ticksPerRevolution", "metersPerRevolution", "zeroAngleRad"));
        if (!(c.number("ticksPerRevolution") > 0)) {
            throw c.error("ticksPerRevolution", "expected > 0");
        }
        if (c.has("metersPerRevolution") && !(c.number("metersPerRevolution") > 0)) {
            throw c.error("metersPerRevolution", "expected > 0");
        }
    }

    private void i2c(Entry e, int low, int high, Set<Integer> excluded) {
        int bus = e.optInteger("bus", 1);
        if (bus < 0 || bus > 22) {
            throw e.error("bus", bus + ": expected an I2C bus number (1 on a Pi's header)");
        }
        int address = e.address("address");
        if (address < low || address > high || excluded.contains(address)) {
            throw e.error("address", String.format("0x%02x is not an address a %s can have (0x%02x..0x%02x%s)",
                    address, e.node().path("type").asText(), low, high,
                    excluded.isEmpty() ? "" : ", not " + excluded.stream().map(a -> String.format("0x%02x", a)).toList()));
        }
        claim(addresses, "bus " + bus + String.format(" address 0x%02x", address), e.path() + ".address", e);
        if (bus == 1) {
            reserveI2cPins(e);
        }
    }

    private void reserveI2cPins(Entry e) {
        for (int p : new int[] {2, 3}) {
            String owner = pins.get(p);
            if (owner != null && !owner.startsWith("I2C bus 1")) {
                throw e.error("bus", "I2C bus 1 needs GPIO " + p + ", which " + owner + " uses");
            }
            pins.put(p, "I2C bus 1 (" + e.path() + ")");
        }
    }

    private void pwm(Entry e, String key, boolean motor) {
        if (!e.has(key) || !e.node().get(key).isObject()) {
            throw e.error(key, "missing (expected {\"gpio\": 12, \"frequencyHz\": 20000} or {\"pca9685\": \"name\", \"channel\": 0})");
        }
        Entry p = e.object(key);
        if (p.has("pca9685")) {
            p.onlyKeys(Set.of("pca9685", "channel"));
            pcaChannel(p);
        } else {
            p.onlyKeys(Set.of("gpio", "frequencyHz"));
            int gpio = p.integer("gpio");
            Integer pwmChannel = HARDWARE_PWM_CHANNEL.get(gpio);
            if (pwmChannel == null) {
                throw p.error("gpio", gpio + " has no hardware PWM; use GPIO 12, 13, 18 or 19, or a PCA9685 channel");
            }
            int f = p.integer("frequencyHz");
            if (f < 1 || f > 100_000) {
                throw p.error("frequencyHz", f + ": expected 1..100000 Hz");
            }
            String other = hardwarePwm.put(pwmChannel, p.path());
            if (other != null) {
                throw p.error("gpio", gpio + " shares hardware PWM channel " + pwmChannel + " with " + other);
            }
            pin(p, "gpio", gpio, false);
        }
    }

    private void line(Entry e, String key) {
        if (e.has(key) && e.node().get(key).isObject()) {
            Entry p = e.object(key);
            p.onlyKeys(Set.of("pca9685", "channel"));
            pcaChannel(p);
        } else {
            pin(e, key, e.integer(key), false);
        }
    }

    private void pcaChannel(Entry p) {
        String chip = p.string("pca9685");
        if (typesByName.get(chip) != DeviceType.PCA9685) {
            throw p.error("pca9685", "'" + chip + "' is not a pca9685 device in this file");
        }
        int ch = p.integer("channel");
        if (ch < 0 || ch >= Pca9685.CHANNELS) {
            throw p.error("channel", ch + ": expected 0..15");
        }
        claim(channels, chip + " channel " + ch, p.path() + ".channel", p);
    }

    /** Claims a GPIO pin; a standby pin may be shared by the motors of one driver chip. */
    private void pin(Entry e, String key, int gpio, boolean shareableStandby) {
        if (gpio < 0 || gpio > MAX_GPIO) {
            throw e.error(key, gpio + " is not a BCM GPIO number (0..27)");
        }
        String where = e.path() + "." + key;
        String owner = pins.get(gpio);
        if (owner != null) {
            if (shareableStandby && owner.endsWith(".standby")) {
                return;
            }
            throw e.error(key, "GPIO " + gpio + " is already used by " + owner);
        }
        pins.put(gpio, where);
    }

    private static void claim(Map<String, String> used, String resource, String where, Entry e) {
        String owner = used.putIfAbsent(resource, where);
        if (owner != null) {
            throw e.error(resource + " is already used by " + owner);
        }
    }
}
