package dev.sim2pi.bridge.wiring;

import dev.sim2pi.bridge.device.Actuator;
import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A robot's hardware assembled from a wiring file: fills the task's raw sensor vector and applies
 * its command vector, whatever devices are behind (Pi4J, a microcontroller or a simulation).
 * {@link #read} and {@link #apply} do not allocate. Motors start disabled; {@link #enable}
 * arms them. Closing leaves every actuator in its safe state.
 *
 * <p>One thread reads and applies (the control loop). {@link #safe()} may come from any other
 * thread (a watchdog, a shutdown hook) while that thread is stuck or merely slow: it latches, and
 * until {@link #enable} clears the latch every {@link #apply} writes the safe state instead of its
 * command. A write racing the latch is checked once more after it lands, so the safe state wins
 * whichever comes last; no lock is taken.
 */
public final class RobotHardware implements AutoCloseable {

    private enum Kind { IMU_RATE, IMU_ACCEL, IMU_TEMPERATURE, TICKS, ANGLE, RATE, DISTANCE, SPEED, VOLTS, OPERATOR }

    private final Wiring wiring;
    private final DeviceProvider provider;
    private final RobotTask task;
    private final Imu[] imus;
    private final double[][] imuRates;
    private final double[][] imuAccel;
    private final WheelEncoder[] encoders;
    private final BatteryMonitor[] batteries;
    private final double[] batteryVolts;
    private final List<AutoCloseable> sensorsToClose = new ArrayList<>();

    private final Kind[] kind;
    private final int[] slot;
    private final int[] axis;
    private final double[] factor;
    private final double[] offset;
    private final double[] operator;

    private final Channel[] actionChannels;
    private final MotorDriver[] motors;
    private final ServoOutput[] servos;
    private final double[] unitsPerFullScale;
    private final boolean[] servoInMicros;
    private final List<Actuator> actuators = new ArrayList<>();
    private boolean closed;
    private volatile boolean safeLatched;

    private RobotHardware(Wiring wiring, DeviceProvider provider) {
        this.wiring = wiring;
        this.provider = provider;
        this.task = wiring.task();
        Map<String, Integer> imuSlots = new LinkedHashMap<>();
        Map<String, Integer> encoderSlots = new LinkedHashMap<>();
        Map<String, Integer> batterySlots = new LinkedHashMap<>();
        List<Imu> imuList = new ArrayList<>();
        List<WheelEncoder> encoderList = new ArrayList<>();
        List<BatteryMonitor> batteryList = new ArrayList<>();
        int n = task.sensors().size();
        kind = new Kind[n];
        slot = new int[n];
        axis = new int[n];
        factor = new double[n];
        offset = new double[n];
        operator = new double[n];
        for (SensorBinding b : wiring.sensors()) {
            int i = b.channelIndex();
            factor[i] = b.sign();
            if (b.isOperator()) {
                kind[i] = Kind.OPERATOR;
                operator[i] = b.defaultValue();
                continue;
            }
            DeviceSpec d = wiring.device(b.device());
            String s = b.signal();
            if (d.type() == DeviceType.MPU6050) {
                slot[i] = imuSlots.computeIfAbsent(d.name(), k -> {
                    imuList.add(track(provider.imu(d)));
                    return imuList.size() - 1;
                });
                kind[i] = s.startsWith("rate_") ? Kind.IMU_RATE : s.startsWith("accel_") ? Kind.IMU_ACCEL : Kind.IMU_TEMPERATURE;
                axis[i] = s.endsWith("_x") ? 0 : s.endsWith("_y") ? 1 : 2;
            } else if (d.type().isEncoder()) {
                slot[i] = encoderSlots.computeIfAbsent(d.name(), k -> {
                    encoderList.add(track(provider.encoder(d)));
                    return encoderList.size() - 1;
                });
                double perRev = d.calibration("metersPerRevolution", Double.NaN);
                switch (s) {
                    case "ticks" -> kind[i] = Kind.TICKS;
                    case "angle" -> {
                        kind[i] = Kind.ANGLE;
                        offset[i] = d.calibration("zeroAngleRad", 0);
                    }
                    case "rate" -> kind[i] = Kind.RATE;
                    case "distance" -> {
                        kind[i] = Kind.DISTANCE;
                        factor[i] *= perRev;
                    }
                    default -> {
                        kind[i] = Kind.SPEED;
                        factor[i] *= perRev;
                    }
                }
            } else {
                slot[i] = batterySlots.computeIfAbsent(d.name(), k -> {
                    batteryList.add(track(provider.battery(d)));
                    return batteryList.size() - 1;
                });
                kind[i] = Kind.VOLTS;
            }
        }
        imus = imuList.toArray(new Imu[0]);
        imuRates = new double[imus.length][3];
        imuAccel = new double[imus.length][3];
        encoders = encoderList.toArray(new WheelEncoder[0]);
        batteries = batteryList.toArray(new BatteryMonitor[0]);
        batteryVolts = new double[batteries.length];

        Layout actions = task.actions();
        int m = actions.size();
        actionChannels = new Channel[m];
        motors = new MotorDriver[m];
        servos = new ServoOutput[m];
        unitsPerFullScale = new double[m];
        servoInMicros = new boolean[m];
        for (ActionBinding b : wiring.actions()) {
            int i = b.channelIndex();
            actionChannels[i] = actions.get(i);
            DeviceSpec d = wiring.device(b.device());
            unitsPerFullScale[i] = b.unitsPerFullScale();
            if (d.type() == DeviceType.SERVO) {
                servos[i] = provider.servo(d);
                servoInMicros[i] = b.unit().equals("us");
                actuators.add(servos[i]);
            } else {
                motors[i] = provider.motor(d);
                actuators.add(motors[i]);
            }
        }
    }

    private <T extends AutoCloseable> T track(T device) {
        sensorsToClose.add(device);
        return device;
    }

    /**
     * Builds every device of {@code wiring} through {@code provider}. On failure, whatever was
     * built is closed (actuators left safe) before the exception propagates.
     */
    public static RobotHardware assemble(Wiring wiring, DeviceProvider provider) {
        try {
            return new RobotHardware(wiring, provider);
        } catch (RuntimeException e) {
            try {
                provider.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public RobotTask task() {
        return task;
    }

    public Wiring wiring() {
        return wiring;
    }

    /** Reads every sensor once and writes the task's raw sensor vector at {@code out[outOffset]}. */
    public void read(double[] out, int outOffset) {
        provider.beforeRead();
        for (int k = 0; k < imus.length; k++) {
            imus[k].read(imuRates[k], 0, imuAccel[k], 0);
        }
        for (int k = 0; k < batteries.length; k++) {
            batteryVolts[k] = batteries[k].volts();
        }
        for (int i = 0; i < kind.length; i++) {
            out[outOffset + i] = switch (kind[i]) {
                case IMU_RATE -> factor[i] * imuRates[slot[i]][axis[i]];
                case IMU_ACCEL -> factor[i] * imuAccel[slot[i]][axis[i]];
                case IMU_TEMPERATURE -> imus[slot[i]].temperatureCelsius();
                case TICKS -> factor[i] * encoders[slot[i]].ticks();
                case ANGLE -> factor[i] * encoders[slot[i]].angleRadians() + offset[i];
                case RATE -> factor[i] * encoders[slot[i]].angularVelocityRadPerSecond();
                case DISTANCE -> factor[i] * encoders[slot[i]].ticks() / encoders[slot[i]].ticksPerRevolution();
                case SPEED -> factor[i] * encoders[slot[i]].ticksPerSecond() / encoders[slot[i]].ticksPerRevolution();
                case VOLTS -> factor[i] * batteryVolts[slot[i]];
                case OPERATOR -> operator[i];
            };
        }
    }

    /**
     * Applies the command vector (task action layout, physical units) at {@code command[offset]}:
     * each value is clipped to its channel's bounds, then scaled to a duty or a servo position. A
     * NaN coasts that motor or relaxes that servo.
     */
    public void apply(double[] command, int offset) {
        boolean latched = safeLatched;
        write(command, offset, latched);
        if (!latched && safeLatched) {
            // safe() ran while this command was being written and may have landed before it.
            write(command, offset, true);
        }
    }

    private void write(double[] command, int offset, boolean safeState) {
        for (int i = 0; i < actionChannels.length; i++) {
            double v = safeState ? Double.NaN : command[offset + i];
            double c = Double.isNaN(v) ? v : actionChannels[i].clamp(v);
            if (motors[i] != null) {
                motors[i].setDuty(c / unitsPerFullScale[i]);
            } else if (Double.isNaN(c)) {
                servos[i].relax();
            } else if (servoInMicros[i]) {
                servos[i].setPulseWidthMicros(c);
            } else {
                servos[i].setAngleRadians(c);
            }
        }
        provider.afterApply();
    }

    /** Index of operator channel {@code name} in the sensor vector; fails if it is not one. */
    public int operatorChannel(String name) {
        int i = task.sensors().indexOf(name);
        if (i < 0 || kind[i] != Kind.OPERATOR) {
            throw new IllegalArgumentException("'" + name + "' is not an operator channel of " + wiring.source());
        }
        return i;
    }

    /** Whether {@link #safe()} latched the actuators safe since the last {@link #enable}. */
    public boolean safeLatched() {
        return safeLatched;
    }

    /** Sets the value the next {@link #read} reports for operator channel {@code channelIndex}. */
    public void setOperator(int channelIndex, double value) {
        if (kind[channelIndex] != Kind.OPERATOR) {
            throw new IllegalArgumentException("sensor " + channelIndex + " is not an operator channel");
        }
        operator[channelIndex] = value;
    }

    /** Arms every motor and clears the latch of {@link #safe()}. */
    public void enable() {
        safeLatched = false;
        for (MotorDriver m : motors) {
            if (m != null) {
                m.enable(true);
            }
        }
    }

    /**
     * Puts every actuator in its safe state now (motors coast, servos relax) and keeps them there
     * until {@link #enable}: {@link #apply} writes the safe state meanwhile. Safe to call from any
     * thread; allocation-free.
     */
    public void safe() {
        safeLatched = true;
        for (Actuator a : actuators) {
            a.safe();
        }
    }

    /** Disarms motors, leaves everything safe, closes every device, then the provider. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Actuator a : actuators) {
            try {
                a.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        for (AutoCloseable s : sensorsToClose) {
            try {
                s.close();
            } catch (Exception e) {
                first = first == null ? new RuntimeException(e) : first;
            }
        }
        try {
            provider.afterApply();
            provider.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
