package dev.sim2pi.models.bundle;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small tasks with realistic layouts, so bundle tests run before any shipped task is merged. */
final class TestTasks {

    private TestTasks() {
    }

    /** Pendulum-like: cos, sin, angular rate in; torque in [-2, 2] N m out. */
    static final RobotTask PENDULUM = new Simple("test-pendulum", 1,
            Layout.of(new Channel("cos_theta", "1", -1, 1), new Channel("sin_theta", "1", -1, 1),
                    Channel.symmetric("theta_dot", "rad/s", 8)),
            Layout.of(Channel.symmetric("torque", "N*m", 2)), 1, false, 0.05);

    /** Balancer-like: IMU and wheel readings (some unbounded) in, two motor duty fractions out, with history and last action. */
    static final RobotTask BALANCER = new Simple("test-balancer", 3,
            Layout.of(Channel.symmetric("gyro_y", "rad/s", 8.7), new Channel("accel_x", "m/s^2", -19.6, 19.6),
                    Channel.unbounded("wheel_rate_left", "rad/s"), Channel.unbounded("wheel_rate_right", "rad/s"),
                    new Channel("battery", "V", 6.0, 8.4), Channel.unbounded("pitch", "rad")),
            Layout.of(Channel.symmetric("duty_left", "1", 1), Channel.symmetric("duty_right", "1", 1)), 1, true, 0.01);

    /** Same ids and layouts as {@link #PENDULUM} but one more observation channel. */
    static final RobotTask PENDULUM_WIDER = new Simple("test-pendulum", 1,
            Layout.of(new Channel("cos_theta", "1", -1, 1), new Channel("sin_theta", "1", -1, 1),
                    Channel.symmetric("theta_dot", "rad/s", 8), Channel.symmetric("theta_ddot", "rad/s^2", 50)),
            Layout.of(Channel.symmetric("torque", "N*m", 2)), 1, false, 0.05);

    /** {@link #PENDULUM} at task version 2. */
    static final RobotTask PENDULUM_V2 = new Simple("test-pendulum", 2, PENDULUM.sensors(), PENDULUM.actions(), 1, false, 0.05);

    /** {@link #PENDULUM} with a stronger motor: same ids, different action bounds. */
    static final RobotTask PENDULUM_STRONGER = new Simple("test-pendulum", 1, PENDULUM.sensors(),
            Layout.of(Channel.symmetric("torque", "N*m", 3)), 1, false, 0.05);

    static List<RobotTask> all() {
        return List.of(PENDULUM, BALANCER);
    }

    /** A randomly initialised actor for {@code task} (He-like scale so outputs are not all saturated). */
    static ActorNetwork randomActor(RobotTask task, int[] hidden, Activation activation, long seed, boolean clip) {
        Random r = new Random(seed);
        int n = task.observationSize();
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (r.nextGaussian() * 0.1);
            std[i] = (float) (0.5 + r.nextDouble() * 2);
        }
        List<DenseLayer> layers = new ArrayList<>();
        int in = n;
        for (int k = 0; k <= hidden.length; k++) {
            int out = k < hidden.length ? hidden[k] : task.actions().size();
            float[] w = new float[in * out];
            float[] b = new float[out];
            double scale = Math.sqrt(2.0 / in);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() * scale);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (r.nextGaussian() * 0.1);
            }
            layers.add(new DenseLayer(in, out, w, b));
            in = out;
        }
        return ActorNetwork.forTask(task, new Normalizer(mean, std, clip ? 5f : Float.POSITIVE_INFINITY), layers, activation);
    }

    static Provenance provenance(long seed) {
        return new Provenance("0123456789abcdef0123456789abcdef01234567",
                java.util.Map.of("algorithm", "sac", "learningRate", 3e-4, "hidden", List.of(64, 64)),
                200_000, List.of(-150.5, -148.25, -160.0), seed,
                java.util.Map.of("massKg", List.of(0.9, 1.1), "latencySteps", List.of(0, 2)), 1);
    }

    private record Simple(String id, int version, Layout sensors, Layout actions, int history, boolean lastAction,
                          double controlPeriodSeconds) implements RobotTask {
        public String description() {
            return "test task " + id;
        }

        public Layout state() {
            return sensors;
        }

        public ObservationSpec observationSpec() {
            return new ObservationSpec(sensors, history, lastAction ? 1 : 0);
        }

        public int maxEpisodeSteps() {
            return 100;
        }

        public void features(double[] s, int so, float[] out, int oo) {
            for (int i = 0; i < sensors.size(); i++) {
                out[oo + i] = (float) s[so + i];
            }
        }

        public double reward(double[] b, int bo, double[] a, int ao, double[] n, int no) {
            return 0;
        }

        public boolean terminated(double[] s, int so) {
            return false;
        }
    }
}
