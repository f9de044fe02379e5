package dev.sim2pi.trainer.sysid;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Rng;
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
import java.util.Arrays;
import java.util.List;

/**
 * Synthetic telemetry of a balancer twin with known parameters: an LQR on the nominal model keeps
 * it up while a random duty excitation (held 50 ms) moves it, recorded one frame per period through
 * the telemetry module's {@link DatasetWriter}. Episodes that fall restart as new sessions.
 */
final class TwinTelemetry {

    private TwinTelemetry() {
    }

    /** The training model's nominal robot in the twin's schema, twin-only effects off. */
    static double[] neutralTwin() {
        double[] p = new double[BalancerTwin.SCHEMA.size()];
        BalancerPlant.shippedRanges().nominal(p, 0);
        p[BalancerTwin.BACKLASH] = 0;
        p[BalancerTwin.GEAR_STIFFNESS] = 20;
        p[BalancerTwin.STATIC_FRICTION] = p[BalancerParameters.GEAR_COULOMB_FRICTION];
        return p;
    }

    static void record(Path root, double[] twinParams, int seconds, long seed) throws IOException {
        BalancerTwin twin = BalancerTwin.of(twinParams);
        FrameLayout layout = FrameLayout.of(new BalancerTask(), List.of(), List.of("running"));
        int steps = seconds * 100;
        int session = 0;
        Rng excitation = new Rng(seed);
        try (VectorEnv env = new VectorEnv(twin, 1, new EnvOptions(1, false, false))) {
            int done = 0;
            while (done < steps) {
                env.reset(seed + session);
                double[] nominal = new double[BalancerParameters.SCHEMA.size()];
                BalancerPlant.shippedRanges().nominal(nominal, 0);
                BalancerLqr lqr = BalancerLqr.design(new BalancerPlant(), nominal);
                lqr.reset(env.states(), 0);
                double[] action = new double[2];
                double kick = 0;
                double turn = 0;
                try (DatasetWriter w = new DatasetWriter(root.resolve("twin").resolve("s" + session))) {
                    w.announce(layout.announce("twin", "s" + session, 0, 0));
                    for (int k = 0; k < 2000 && done < steps; k++, done++) {
                        if (k % 5 == 0) {
                            kick = excitation.uniform(-0.25, 0.25);
                            turn = excitation.uniform(-0.15, 0.15);
                        }
                        lqr.act(env.states(), 0, action, 0);
                        action[0] = Math.max(-1, Math.min(1, action[0] + kick - turn));
                        action[1] = Math.max(-1, Math.min(1, action[1] + kick + turn));
                        Frame.Builder f = Frame.newBuilder().setSequence(k).setTimestampNanos(10_000_000L * (k + 1))
                                .setSafetyFlags(1);
                        for (double v : env.sensors()) {
                            f.addSensors((float) v);
                        }
                        for (float v : env.observations()) {
                            f.addObservation(v);
                        }
                        for (double v : action) {
                            f.addPolicyOutput((float) v).addCommand((float) v);
                        }
                        byte[] b = f.build().toByteArray();
                        w.write(k, b, 0, b.length);
                        env.step(action);
                        if (Math.abs(env.states()[BalancerTask.PITCH]) > 0.5) {
                            break;
                        }
                    }
                }
                session++;
            }
        }
    }

    static double[] copy(double[] p) {
        return Arrays.copyOf(p, p.length);
    }
}
