package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.bundle.inference.PolicyRunner;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import dev.sim2pi.telemetry.record.DatasetWriter;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Test datasets as a deployed policy makes them: a bundle's policy drives a reality twin, a safety
 * layer clamps its commands to {@code ±clamp} (flagging the frame), and every period is one frame
 * written through the telemetry module's {@link DatasetWriter}. A fall ends the session; the next
 * starts from a fresh reset, as a robot picked up and restarted.
 */
final class PolicyRecording {

    static final List<String> FLAGS = List.of("action_clamped", "running");
    static final int CLAMPED = 1;
    static final int RUNNING = 1 << 1;

    private PolicyRecording() {
    }

    /** Records {@code steps} periods in total under {@code root/twin/s<k>}. */
    static void record(Path root, PolicyRunner policy, Plant twin, int steps, long seed, double clamp)
            throws IOException {
        RobotTask task = twin.task();
        FrameLayout layout = FrameLayout.of(task, List.of(), FLAGS);
        float[] output = new float[policy.actionSize()];
        double[] command = new double[policy.actionSize()];
        int done = 0;
        int session = 0;
        try (VectorEnv env = new VectorEnv(twin, 1, new EnvOptions(1, false, false))) {
            while (done < steps) {
                env.reset(seed + session);
                try (DatasetWriter w = new DatasetWriter(root.resolve("twin").resolve("s" + session))) {
                    w.announce(layout.announce("twin", "s" + session, 0, 0).toBuilder().setPolicyId("parent").build());
                    for (int k = 0; done < steps; k++, done++) {
                        policy.act(env.observations(), 0, output, 0);
                        int flags = RUNNING;
                        for (int j = 0; j < output.length; j++) {
                            command[j] = Math.max(-clamp, Math.min(clamp, output[j]));
                            flags |= command[j] != output[j] ? CLAMPED : 0;
                        }
                        Frame.Builder f = Frame.newBuilder().setSequence(k).setTimestampNanos(10_000_000L * (k + 1))
                                .setSafetyFlags(flags);
                        for (double v : env.sensors()) {
                            f.addSensors((float) v);
                        }
                        for (float v : env.observations()) {
                            f.addObservation(v);
                        }
                        for (int j = 0; j < output.length; j++) {
                            f.addPolicyOutput(output[j]).addCommand((float) command[j]);
                        }
                        byte[] b = f.build().toByteArray();
                        w.write(k, b, 0, b.length);
                        env.step(command);
                        if (env.terminated()[0] || env.truncated()[0]) {
                            done++;
                            break;
                        }
                    }
                }
                session++;
            }
        }
    }
}
