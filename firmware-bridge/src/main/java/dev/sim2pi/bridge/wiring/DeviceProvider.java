package dev.sim2pi.bridge.wiring;

import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;

/**
 * Makes the devices a wiring file names: real ones on the Pi ({@code Pi4jDevices}), simulated
 * ones behind a plant ({@code SimulatedDevices}). {@link RobotHardware} asks for each device once.
 */
public interface DeviceProvider extends AutoCloseable {

    Imu imu(DeviceSpec spec);

    MotorDriver motor(DeviceSpec spec);

    ServoOutput servo(DeviceSpec spec);

    WheelEncoder encoder(DeviceSpec spec);

    BatteryMonitor battery(DeviceSpec spec);

    /** Once per control period before sensors are read (drain serial links, advance a simulation). */
    default void beforeRead() {
    }

    /** Once per control period after commands were applied (send batched commands). */
    default void afterApply() {
    }

    /** Releases what the provider shares between devices (chips, links, the Pi4J context). */
    @Override
    void close();
}
