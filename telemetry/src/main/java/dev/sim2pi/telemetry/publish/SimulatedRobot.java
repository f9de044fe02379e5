package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.telemetry.wire.FrameLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in control loop for benchmarks and tests: a thread that runs at a fixed rate on the
 * monotonic clock and writes one plausible frame per period through a publisher, exactly as the
 * controller's loop does (timestamp from {@link System#nanoTime()}, lateness against the grid).
 */
public final class SimulatedRobot implements AutoCloseable {

    private final TelemetryPublisher publisher;
    private final long periodNanos;
    private final SplittableRandom random;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long frames;

    /** The frame layout the simulated robot writes: a balancer-like set of channels. */
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

    public SimulatedRobot(TelemetryPublisher publisher, double rateHz, long seed) {
        this.publisher = publisher;
        this.periodNanos = Math.round(1e9 / rateHz);
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::loop, "simulated-control-loop");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public SimulatedRobot start() {
        thread.start();
        return this;
    }

    /** Frames begun so far (committed or dropped). */
    public long frames() {
        return frames;
    }

    public Thread thread() {
        return thread;
    }

    private void loop() {
        TelemetryFrame f = publisher.frame();
        double[] sensors = new double[6];
        float[] obs = new float[4];
        float[] out = new float[2];
        double[] cmd = new double[2];
        long next = System.nanoTime();
        long n = 0;
        while (running) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            long lateness = now - next;
            // Never catch up: the next period starts on the grid after now.
            next += periodNanos * Math.max(1, (lateness / periodNanos) + 1);
            double t = n * periodNanos * 1e-9;
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
            if (f.begin(now)) {
                f.sensors(sensors, 0).observation(obs, 0).policyOutput(out, 0).command(cmd, 0)
                        .safetyFlags(Math.abs(pitch) > 0.049 ? 1 : 0).startLatenessNanos(lateness)
                        .stageNanos(0, 20_000).stageNanos(1, 3_000).stageNanos(2, 15_000).stageNanos(3, 1_000)
                        .stageNanos(4, 10_000).commit();
            }
            frames = ++n;
        }
    }

    /** Stops the loop and waits for it. */
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
