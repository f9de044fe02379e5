package dev.sim2pi.bridge.sim;

import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.bridge.wiring.DeviceSpec;
import dev.sim2pi.bridge.wiring.SensorBinding;

/**
 * An encoder whose count is the plant's reading of the channel the wiring routes through it,
 * turned back into whole ticks with the wiring's calibration; the rate is measured over the
 * world's clock like the real encoder's.
 */
final class SimEncoder implements WheelEncoder {

    private static final long RATE_WINDOW_NANOS = 10_000_000L;

    private final SimWorld world;
    private final double ticksPerRevolution;
    private final int channel;
    private final double ticksPerUnit;
    private final double zero;
    private long rateTicks;
    private long rateNanos;
    private double rate;

    SimEncoder(SimulatedDevices devices, DeviceSpec spec) {
        this.world = devices.world();
        this.ticksPerRevolution = spec.calibration("ticksPerRevolution", 1);
        SensorBinding b = null;
        double perUnit = 0;
        double z = 0;
        for (String signal : new String[] {"angle", "distance", "ticks"}) {
            SensorBinding s = devices.binding(spec.name(), signal);
            if (s != null) {
                b = s;
                perUnit = switch (signal) {
                    case "angle" -> ticksPerRevolution / (2 * Math.PI);
                    case "distance" -> ticksPerRevolution / spec.calibration("metersPerRevolution", 1);
                    default -> 1;
                } * s.sign();
                z = signal.equals("angle") ? spec.calibration("zeroAngleRad", 0) : 0;
                break;
            }
        }
        this.channel = b == null ? -1 : b.channelIndex();
        this.ticksPerUnit = perUnit;
        this.zero = z;
        this.rateNanos = world.clock().nanoTime();
    }

    @Override
    public long ticks() {
        return channel < 0 ? 0 : Math.round((world.sensor(channel) - zero) * ticksPerUnit);
    }

    @Override
    public double ticksPerSecond() {
        long now = world.clock().nanoTime();
        long dt = now - rateNanos;
        if (dt >= RATE_WINDOW_NANOS) {
            long t = ticks();
            rate = (t - rateTicks) * 1e9 / dt;
            rateTicks = t;
            rateNanos = now;
        }
        return rate;
    }

    @Override
    public double ticksPerRevolution() {
        return ticksPerRevolution;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
