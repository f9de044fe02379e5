package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.telemetry.wire.FrameLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Plausible balancer-like frames for telemetry's tests and benchmarks, with no robot and no
 * control loop behind them (the real loop lives in the controller module): {@link #write} fills
 * one frame, and {@link #start} pumps them through a publisher from a thread that simply sleeps
 * a period between frames.
 */
public final class SyntheticFrames {

    private final SplittableRandom random;
    private final double dtSeconds;
    private final double[] sensors = new double[6];
    private final float[] obs = new float[4];
    private final float[] out = new float[2];
    private final double[] cmd = new double[2];
    private long n;

    /** @param rateHz frames per second the signals are shaped for */
    public SyntheticFrames(double rateHz, long seed) {
        this.random = new SplittableRandom(seed);
        this.dtSeconds = 1 / rateHz;
    }

    /** The frame layout written: a balancer-like set of channels. */
    public static FrameLayout layout() {
        Layout sensors = Layout.of(Channel.unbounded("gyro_y", "rad/s"), Channel.unbounded("accel_x", "m/s^2"),
                Channel.unbounded("accel_z", "m/s^2"), Channel.unbounded("left_ticks", "1"),
                Channel.unbounded("right_ticks", "1"), Channel.unbounded("battery", "V"));
        Layout observation = Layout.of(Channel.unbounded("pitch", "rad"), Channel.unbounded("pitch_rate", "rad/s"),
                Channel.unbounded("wheel_speed", "rad/s"), Channel.unbounded("last_action", "1"));
        Layout actions = Layout.of(Channel.symmetric("left_duty", "1", 1), Channel.symmetric("right_duty", "1", 1));
        return new FrameLayout("simulated-balancer", 1, 200, sensors, observation, actions,
                List.of("read", "observe", "infer", "safety", "write"), List.of("tilt_limit", "watchdog", "estop"));
    }

    /** Writes the next frame, stamped {@code timestampNanos}; returns false when the ring dropped it. */
    public boolean write(TelemetryFrame f, long timestampNanos) {
        double t = n * dtSeconds;
        double pitch = 0.05 * Math.sin(2 * Math.PI * 0.5 * t);
        sensors[0] = 0.05 * Math.PI * Math.cos(Math.PI * t) + 0.01 * random.nextDouble(-1, 1);
        sensors[1] = 9.81 * Math.sin(pitch);
        sensors[2] = 9.81 * Math.cos(pitch);
        sensors[3] = n;
        sensors[4] = n;
        sensors[5] = 12.0 - 1e-5 * n;
        obs[0] = (float) pitch;
        obs[1] = (float) sensors[0];
        obs[2] = (float) (0.1 * Math.sin(t));
        obs[3] = out[0];
        out[0] = (float) (-3 * pitch);
        out[1] = out[0];
        cmd[0] = Math.max(-1, Math.min(1, out[0]));
        cmd[1] = cmd[0];
        n++;
        if (!f.begin(timestampNanos)) {
            return false;
        }
        f.sensors(sensors, 0).observation(obs, 0).policyOutput(out, 0).command(cmd, 0)
                .safetyFlags(Math.abs(pitch) > 0.049 ? 1 : 0)
                .stageNanos(0, 20_000).stageNanos(1, 3_000).stageNanos(2, 15_000).stageNanos(3, 1_000)
                .stageNanos(4, 10_000).commit();
        return true;
    }

    /** Starts a daemon thread writing a frame through {@code publisher} about every {@code 1/rateHz}. */
    public static Pump start(TelemetryPublisher publisher, double rateHz, long seed) {
        return new Pump(publisher, rateHz, seed);
    }

    /** The thread that writes synthetic frames until closed. */
    public static final class Pump implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;
        private volatile long frames;

        private Pump(TelemetryPublisher publisher, double rateHz, long seed) {
            SyntheticFrames source = new SyntheticFrames(rateHz, seed);
            long pauseNanos = Math.round(1e9 / rateHz);
            thread = new Thread(() -> {
                TelemetryFrame f = publisher.frame();
                while (running) {
                    source.write(f, System.nanoTime());
                    frames = frames + 1;
                    LockSupport.parkNanos(pauseNanos);
                }
            }, "synthetic-frames");
            thread.setDaemon(true);
            thread.start();
        }

        /** Frames written so far (committed or dropped). */
        public long frames() {
            return frames;
        }

        /** Stops writing and waits for the thread. */
        @Override
        public void close() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
