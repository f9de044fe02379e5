package dev.sim2pi.bridge.sim;

import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.bridge.wiring.ActionBinding;
import dev.sim2pi.bridge.wiring.DeviceProvider;
import dev.sim2pi.bridge.wiring.DeviceSpec;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.SensorBinding;
import dev.sim2pi.bridge.wiring.Wiring;

/**
 * The devices of a wiring file, simulated: each one shows the part of the plant's raw reading the
 * wiring routes through it, converted back to what that device would report (an IMU's rates, an
 * encoder's ticks), and each actuator sets the plant's command. Assembled with the same wiring
 * file by the same {@link RobotHardware}, the controller cannot tell it from the real robot.
 */
public final class SimulatedDevices implements DeviceProvider {

    private final SimWorld world;
    private final Wiring wiring;

    public SimulatedDevices(SimWorld world, Wiring wiring) {
        if (!world.plant().task().id().equals(wiring.task().id())) {
            throw new IllegalArgumentException("wiring " + wiring.source() + " is for task " + wiring.task().id()
                    + " but the plant simulates " + world.plant().task().id());
        }
        this.world = world;
        this.wiring = wiring;
    }

    /** The robot of {@code wiring} simulated in {@code world}. */
    public static RobotHardware robot(Wiring wiring, SimWorld world) {
        return RobotHardware.assemble(wiring, new SimulatedDevices(world, wiring));
    }

    /** The binding routing {@code signal} of {@code device}, or null when none does. */
    SensorBinding binding(String device, String signal) {
        for (SensorBinding b : wiring.sensors()) {
            if (device.equals(b.device()) && signal.equals(b.signal())) {
                return b;
            }
        }
        return null;
    }

    ActionBinding action(String device) {
        for (ActionBinding b : wiring.actions()) {
            if (b.device().equals(device)) {
                return b;
            }
        }
        throw new IllegalArgumentException("device " + device + " receives no action in " + wiring.source());
    }

    SimWorld world() {
        return world;
    }

    @Override
    public Imu imu(DeviceSpec spec) {
        return new SimImu(this, spec.name());
    }

    @Override
    public MotorDriver motor(DeviceSpec spec) {
        ActionBinding b = action(spec.name());
        return new SimMotor(world, b.channelIndex(), b.unitsPerFullScale());
    }

    @Override
    public ServoOutput servo(DeviceSpec spec) {
        ActionBinding b = action(spec.name());
        return new SimServo(world, b.channelIndex(), b.unit().equals("us"),
                spec.calibration("minPulseMicros", 1000), spec.calibration("maxPulseMicros", 2000),
                spec.calibration("minAngleRad", -Math.PI / 2), spec.calibration("maxAngleRad", Math.PI / 2));
    }

    @Override
    public WheelEncoder encoder(DeviceSpec spec) {
        return new SimEncoder(this, spec);
    }

    @Override
    public BatteryMonitor battery(DeviceSpec spec) {
        SensorBinding b = binding(spec.name(), spec.type().signals().keySet().iterator().next());
        return new BatteryMonitor() {
            @Override
            public double volts() {
                return b == null ? 0 : b.sign() * world.sensor(b.channelIndex());
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    @Override
    public void beforeRead() {
        world.sync();
    }

    @Override
    public void close() {
        // The world outlives the robot: tests inspect it after closing.
    }
}
