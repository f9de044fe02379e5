package dev.sim2pi.bridge.sim;

import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.wiring.SensorBinding;

/** An IMU showing the plant's gyro and accelerometer channels that the wiring routes through it. */
final class SimImu implements Imu {

    private static final String[] RATES = {"rate_x", "rate_y", "rate_z"};
    private static final String[] ACCEL = {"accel_x", "accel_y", "accel_z"};

    private final SimWorld world;
    private final int[] rateChannel = new int[3];
    private final double[] rateSign = new double[3];
    private final int[] accelChannel = new int[3];
    private final double[] accelSign = new double[3];

    SimImu(SimulatedDevices devices, String name) {
        this.world = devices.world();
        for (int i = 0; i < 3; i++) {
            SensorBinding r = devices.binding(name, RATES[i]);
            rateChannel[i] = r == null ? -1 : r.channelIndex();
            rateSign[i] = r == null ? 0 : r.sign();
            SensorBinding a = devices.binding(name, ACCEL[i]);
            accelChannel[i] = a == null ? -1 : a.channelIndex();
            accelSign[i] = a == null ? 0 : a.sign();
        }
    }

    @Override
    public void read(double[] rates, int ratesOffset, double[] accel, int accelOffset) {
        for (int i = 0; i < 3; i++) {
            rates[ratesOffset + i] = rateChannel[i] < 0 ? 0 : rateSign[i] * world.sensor(rateChannel[i]);
            accel[accelOffset + i] = accelChannel[i] < 0 ? 0 : accelSign[i] * world.sensor(accelChannel[i]);
        }
    }

    /** A simulated die sits at room temperature. */
    @Override
    public double temperatureCelsius() {
        return 25;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
