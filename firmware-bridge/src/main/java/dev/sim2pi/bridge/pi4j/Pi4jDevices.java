package dev.sim2pi.bridge.pi4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.SerialLink;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.bridge.link.Config;
import dev.sim2pi.bridge.link.JSerialCommLink;
import dev.sim2pi.bridge.link.LinkBattery;
import dev.sim2pi.bridge.link.LinkEncoder;
import dev.sim2pi.bridge.link.LinkMotor;
import dev.sim2pi.bridge.link.McuLink;
import dev.sim2pi.bridge.wiring.DeviceProvider;
import dev.sim2pi.bridge.wiring.DeviceSpec;
import dev.sim2pi.bridge.wiring.PwmRef;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.models.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Real devices through Pi4J (and jSerialComm for microcontrollers), as a wiring file describes
 * them. Chips several devices share (a PCA9685, a standby pin, a microcontroller link) are
 * created once. Works the same on Pi4J's mock platform, which is how it is tested.
 */
public final class Pi4jDevices implements DeviceProvider {

    /** Shortest span encoder rates are measured over. */
    static final long ENCODER_RATE_WINDOW_NANOS = 10_000_000L;

    private final Context pi4j;
    private final boolean ownsContext;
    private final Wiring wiring;
    private final Clock clock;
    private final Function<DeviceSpec, SerialLink> serialOpener;
    private final LongConsumer pause;
    private final Function<DeviceSpec, I2C> i2cOpener;
    private final Map<String, Pca9685> pcas = new LinkedHashMap<>();
    private final Map<Integer, SharedLine> standbys = new LinkedHashMap<>();
    private final Map<String, McuLink> links = new LinkedHashMap<>();
    private final List<McuLink> linkList = new ArrayList<>();
    private McuLink[] polled = new McuLink[0];

    /**
     * @param pi4j         the context to create I/O in
     * @param ownsContext  whether {@link #close()} shuts the context down
     * @param serialOpener opens the serial port of an {@code mcu} device
     * @param i2cOpener    opens the I2C device of a spec; null for Pi4J's default provider
     * @param pause        waits the given nanoseconds (gyro calibration spacing)
     */
    public Pi4jDevices(Context pi4j, boolean ownsContext, Wiring wiring, Clock clock,
                       Function<DeviceSpec, SerialLink> serialOpener, Function<DeviceSpec, I2C> i2cOpener,
                       LongConsumer pause) {
        this.pi4j = pi4j;
        this.ownsContext = ownsContext;
        this.wiring = wiring;
        this.clock = clock;
        this.serialOpener = serialOpener;
        this.pause = pause;
        this.i2cOpener = i2cOpener != null ? i2cOpener
                : d -> pi4j.create(I2C.newConfigBuilder(pi4j).id(d.name()).bus(d.bus()).device(d.address()).build());
    }

    /** Devices on this Raspberry Pi: Pi4J's auto-detected context, real serial ports, real time. */
    public static Pi4jDevices onThisPi(Wiring wiring) {
        return new Pi4jDevices(Pi4J.newAutoContext(), true, wiring, Clock.system(),
                spec -> JSerialCommLink.open(spec.string("port", null), spec.integer("baud", 115200)), null,
                nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
    }

    private I2C i2c(DeviceSpec d) {
        return i2cOpener.apply(d);
    }

    private Pca9685 pca(String name) {
        return pcas.computeIfAbsent(name, n -> {
            DeviceSpec d = wiring.device(n);
            return new Pca9685(i2c(d), d.bus(), d.address(), d.number("frequencyHz", 50));
        });
    }

    private PwmChannel pwm(PwmRef ref, String id) {
        if (!ref.onGpio()) {
            return pca(ref.pca9685()).channel(ref.channel());
        }
        Pwm pwm = pi4j.create(Pwm.newConfigBuilder(pi4j).id(id).address(ref.gpio()).pwmType(PwmType.HARDWARE)
                .frequency(ref.frequencyHz()).initial(0).shutdown(0).build());
        return new HardwarePwm(pwm, ref.frequencyHz());
    }

    private DigitalLine line(JsonNode node, String id) {
        PwmRef ref = DeviceSpec.refOf(node);
        if (!ref.onGpio()) {
            return DigitalLine.of(pca(ref.pca9685()).channel(ref.channel()));
        }
        return DigitalLine.of(output(ref.gpio(), id));
    }

    private DigitalOutput output(int gpio, String id) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(gpio)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    private DigitalInput input(int gpio, String pull, String id) {
        PullResistance p = switch (pull) {
            case "down" -> PullResistance.PULL_DOWN;
            case "none" -> PullResistance.OFF;
            default -> PullResistance.PULL_UP;
        };
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(gpio).pull(p).debounce(0L).build());
    }

    private McuLink mcu(String name) {
        McuLink existing = links.get(name);
        if (existing != null) {
            return existing;
        }
        DeviceSpec d = wiring.device(name);
        long timeoutNanos = d.integer("heartbeatTimeoutMs", 200) * 1_000_000L;
        McuLink link = new McuLink(serialOpener.apply(d), clock, timeoutNanos / 4, timeoutNanos);
        link.setCommandTtlMillis(d.integer("commandTtlMs", link.commandTtlMillis()));
        link.start();
        Config config = new Config();
        config.heartbeatTimeoutMillis = d.integer("heartbeatTimeoutMs", 200);
        config.reportPeriodMillis = d.integer("reportPeriodMs", 10);
        config.pwmFrequencyHz = d.integer("pwmFrequencyHz", 20_000);
        link.configure(config);
        links.put(name, link);
        linkList.add(link);
        polled = linkList.toArray(new McuLink[0]);
        return link;
    }

    @Override
    public Imu imu(DeviceSpec d) {
        JsonNode axesNode = d.settings().get("axes");
        String[] axes = null;
        if (axesNode != null) {
            axes = new String[axesNode.size()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axesNode.get(i).asText();
            }
        }
        Mpu6050.Settings s = new Mpu6050.Settings(d.integer("gyroRangeDps", 500), d.integer("accelRangeG", 4),
                d.integer("lowPassHz", 44), d.number("sampleRateHz", 200), axes);
        Mpu6050 imu = new Mpu6050(i2c(d), d.bus(), d.address(), s);
        int samples = (int) d.calibration("gyroBiasSamples", 200);
        imu.calibrateGyroBias(samples, Math.round(1e9 / s.sampleRateHz()), pause,
                d.calibration("gyroBiasMaxStdRadPerSecond", 0.05));
        return imu;
    }

    @Override
    public MotorDriver motor(DeviceSpec d) {
        boolean inverted = d.flag("inverted");
        if (d.type() == dev.sim2pi.bridge.wiring.DeviceType.MCU_MOTOR) {
            return new LinkMotor(mcu(d.string("mcu", null)), d.integer("channel", 0), inverted);
        }
        if (d.string("mode", "pwm-dir").equals("two-pwm")) {
            return HBridgeMotor.twoPwm(d.name(), pwm(d.pwm("in1"), d.name() + "-in1"), pwm(d.pwm("in2"), d.name() + "-in2"), inverted);
        }
        DigitalLine standby = null;
        if (d.has("standby")) {
            int pin = d.integer("standby", -1);
            standby = standbys.computeIfAbsent(pin, p -> new SharedLine(DigitalLine.of(output(p, "standby-" + p)))).user();
        }
        return HBridgeMotor.pwmAndDirection(d.name(), pwm(d.pwm("pwm"), d.name() + "-pwm"),
                line(d.settings().get("in1"), d.name() + "-in1"), line(d.settings().get("in2"), d.name() + "-in2"),
                standby, inverted);
    }

    @Override
    public ServoOutput servo(DeviceSpec d) {
        PwmRef ref = d.pwm("pwm");
        double hz = ref.onGpio() ? ref.frequencyHz() : pca(ref.pca9685()).actualFrequencyHz();
        return new PwmServo(pwm(ref, d.name()), hz, d.calibration("minPulseMicros", 1000), d.calibration("maxPulseMicros", 2000),
                d.calibration("minAngleRad", -Math.PI / 2), d.calibration("maxAngleRad", Math.PI / 2));
    }

    @Override
    public WheelEncoder encoder(DeviceSpec d) {
        double tpr = d.calibration("ticksPerRevolution", 0);
        if (d.type() == dev.sim2pi.bridge.wiring.DeviceType.MCU_ENCODER) {
            return new LinkEncoder(mcu(d.string("mcu", null)), d.integer("channel", 0), tpr, d.flag("inverted"),
                    ENCODER_RATE_WINDOW_NANOS / 1000);
        }
        String pull = d.string("pull", "up");
        return new QuadratureEncoder(input(d.integer("pinA", -1), pull, d.name() + "-a"),
                input(d.integer("pinB", -1), pull, d.name() + "-b"), clock, tpr, d.flag("inverted"), ENCODER_RATE_WINDOW_NANOS);
    }

    @Override
    public BatteryMonitor battery(DeviceSpec d) {
        if (d.type() == dev.sim2pi.bridge.wiring.DeviceType.MCU) {
            return new LinkBattery(mcu(d.name()));
        }
        return new Ads1115(i2c(d), d.bus(), d.address(), d.integer("input", 0), d.number("fullScaleVolts", 4.096),
                d.integer("dataRateSps", 128), d.calibration("dividerRatio", 1));
    }

    /** The microcontroller link of {@code mcu} device {@code name}, opened on first use. */
    public McuLink link(String name) {
        return mcu(name);
    }

    @Override
    public void beforeRead() {
        for (McuLink l : polled) {
            l.poll();
        }
    }

    @Override
    public void afterApply() {
        for (McuLink l : polled) {
            l.sendMotorCommand();
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Pca9685 p : pcas.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        for (McuLink l : linkList) {
            try {
                l.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (ownsContext) {
            pi4j.shutdown();
        }
        if (first != null) {
            throw first;
        }
    }
}
