package dev.sim2pi.controller.testing;

import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.DeviceException;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.bridge.wiring.DeviceProvider;
import dev.sim2pi.bridge.wiring.DeviceSpec;

/**
 * Wraps a provider so its IMU can be made to fail on demand (an I2C read that does not answer)
 * or to report an absurd acceleration (a corrupted register read).
 */
public final class FaultyImu implements DeviceProvider {

    private final DeviceProvider inner;
    public volatile boolean failing;
    public volatile double accelOverride = Double.NaN;

    public FaultyImu(DeviceProvider inner) {
        this.inner = inner;
    }

    @Override
    public Imu imu(DeviceSpec spec) {
        Imu imu = inner.imu(spec);
        return new Imu() {
            @Override
            public void read(double[] rates, int ro, double[] accel, int ao) {
                if (failing) {
                    throw new DeviceException("MPU-6050 on I2C bus 1 at 0x68 did not answer (test)");
                }
                imu.read(rates, ro, accel, ao);
                if (accelOverride == accelOverride) {
                    accel[ao] = accelOverride;
                }
            }

            @Override
            public double temperatureCelsius() {
                return imu.temperatureCelsius();
            }

            @Override
            public void close() {
                imu.close();
            }
        };
    }

    @Override
    public MotorDriver motor(DeviceSpec spec) {
        return inner.motor(spec);
    }

    @Override
    public ServoOutput servo(DeviceSpec spec) {
        return inner.servo(spec);
    }

    @Override
    public WheelEncoder encoder(DeviceSpec spec) {
        return inner.encoder(spec);
    }

    @Override
    public BatteryMonitor battery(DeviceSpec spec) {
        return inner.battery(spec);
    }

    @Override
    public void beforeRead() {
        inner.beforeRead();
    }

    @Override
    public void afterApply() {
        inner.afterApply();
    }

    @Override
    public void close() {
        inner.close();
    }
}
