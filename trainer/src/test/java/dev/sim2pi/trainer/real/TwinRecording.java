package dev.sim2pi.trainer.real;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.control.BalancerLqr;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import dev.sim2pi.sim.robots.BalancerParameters;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.sim.robots.BalancerTwin;
import dev.sim2pi.telemetry.record.DatasetWriter;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test datasets made the way a robot makes them: the shipped balancer twin (with its observation
 * delay set to zero, so the readings recorded are the ones the estimator in the simulator sees)
 * driven by an LQR on its true state, one frame per period written through the telemetry module's
 * {@link DatasetWriter}. Also keeps what the simulator said of each step, rewarding on the estimate.
 */
final class TwinRecording {

    static final List<String> FLAGS = List.of("action_clamped", "sensor_dropout", "termination", "running");
    static final int CLAMPED = 1;
    static final int RUNNING = 1 << 3;

    final List<Frame> frames = new ArrayList<>();
    /** The simulator's estimate-based reward of step k (frame k to k + 1). */
    final List<Double> simRewards = new ArrayList<>();
    final List<Boolean> simTerminated = new ArrayList<>();
    final List<Double> trueRewards = new ArrayList<>();

    static double[] twinParameters() {
        double[] p = new double[BalancerTwin.SCHEMA.size()];
        BalancerTwin.shipped().parameters().nominal(p, 0);
        p[BalancerParameters.OBSERVATION_DELAY_STEPS] = 0;
        return p;
    }

    /**
     * Runs {@code steps} periods from seed {@code seed}; {@code pushAfter} > 0 stops balancing from
     * that step on (zero duty), so the robot falls.
     */
    static TwinRecording run(double[] params, long seed, int steps, int fallFrom) {
        TwinRecording r = new TwinRecording();
        BalancerTwin twin = BalancerTwin.of(params);
        try (VectorEnv env = new VectorEnv(twin, 1, new EnvOptions(1, false, false).withEstimatedReward(true))) {
            env.reset(seed);
            BalancerLqr lqr = BalancerLqr.design(new BalancerPlant(), java.util.Arrays.copyOf(params,
                    BalancerParameters.SCHEMA.size()));
            lqr.reset(env.states(), 0);
            double[] action = new double[2];
            for (int k = 0; k < steps; k++) {
                if (fallFrom > 0 && k >= fallFrom) {
                    action[0] = 0;
                    action[1] = 0;
                } else {
                    lqr.act(env.states(), 0, action, 0);
                }
                Frame.Builder f = Frame.newBuilder().setSequence(k).setTimestampNanos(1_000_000L + 10_000_000L * k)
                        .setSafetyFlags(RUNNING);
                for (double v : env.sensors()) {
                    f.addSensors((float) v);
                }
                for (float v : env.observations()) {
                    f.addObservation(v);
                }
                for (double v : action) {
                    f.addPolicyOutput((float) v).addCommand((float) v);
                }
                r.frames.add(f.build());
                env.step(action);
                r.simRewards.add(env.rewards()[0]);
                r.simTerminated.add(env.terminated()[0]);
                r.trueRewards.add(env.trueRewards()[0]);
            }
        }
        return r;
    }

    static FrameLayout layout() {
        return FrameLayout.of(new BalancerTask(), List.of("read", "infer"), FLAGS);
    }

    /** Writes frames (each under its own sequence number) as one session's dataset. */
    static void write(Path dir, FrameLayout layout, List<Frame> frames) throws IOException {
        try (DatasetWriter w = new DatasetWriter(dir)) {
            w.announce(layout.announce("bot", dir.getFileName().toString(), 0, 0).toBuilder()
                    .setPolicyId("test-bundle").build());
            long key = 0;
            for (Frame f : frames) {
                byte[] b = f.toByteArray();
                // The writer de-duplicates by the number it is given: a distinct one keeps every frame as stored.
                w.write(key++, b, 0, b.length);
            }
        }
    }
}
