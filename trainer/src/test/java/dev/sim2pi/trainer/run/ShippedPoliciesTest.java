package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundles shipped in {@code models/policies/} load and still solve their task in the simulator. */
class ShippedPoliciesTest {

    private static final Path POLICIES = Path.of("..", "models", "policies");
    /**
     * The balancer config's solved threshold: up the full 10 s and tracking both commands (standing
     * still in place scores about 730, falling after 2 s under 200). The shipped bundle averages
     * about 865 over 400 fresh randomized robots ({@code sim2pi bundle evaluate}), so a dozen
     * robots are held to the threshold itself, and none may fall.
     */
    private static final double BALANCER_BAR = 850;
    private static final int BALANCER_ROBOTS = 12;

    /** Return of one episode; NaN if it ended in a terminal state (a fall) before its time limit. */
    private static double episodeReturn(String taskId, OnnxPolicyRunner policy, boolean randomized, long seed) {
        SimEnvFactory factory = SimEnvFactory.forTask(taskId);
        try (TrainingEnv env = randomized ? factory.create(1) : factory.createNominal(1)) {
            env.reset(seed);
            float[] action = new float[env.actionSize()];
            double[] command = new double[env.actionSize()];
            double total = 0;
            while (true) {
                policy.act(env.observations(), 0, action, 0);
                for (int i = 0; i < action.length; i++) {
                    command[i] = action[i];
                }
                env.step(command);
                total += env.rewards()[0];
                if (env.terminated()[0]) {
                    return Double.NaN;
                }
                if (env.truncated()[0]) {
                    return total;
                }
            }
        }
    }

    @Test
    void cartpoleBundleLoadsAndSwingsUpAndBalances() {
        Path dir = POLICIES.resolve("cartpole");
        assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
        PolicyBundle bundle = BundleLoader.create().expecting(Tasks.byId("cartpole")).allowingUnsigned().load(dir);
        try (OnnxPolicyRunner policy = bundle.openOnnx()) {
            double nominal = episodeReturn("cartpole", policy, false, 11);
            assertTrue(nominal >= 350, "nominal return " + nominal);
            double sum = 0;
            for (long seed = 100; seed < 103; seed++) {
                sum += episodeReturn("cartpole", policy, true, seed);
            }
            assertTrue(sum / 3 >= 350, "mean randomized return " + sum / 3);
        }
    }

    @Test
    void balancerBundleLoadsAndBalancesWhileTrackingOnRandomizedRobots() {
        Path dir = POLICIES.resolve("balancer");
        assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
        PolicyBundle bundle = BundleLoader.create().expecting(Tasks.byId("balancer")).allowingUnsigned().load(dir);
        try (OnnxPolicyRunner policy = bundle.openOnnx()) {
            double nominal = episodeReturn("balancer", policy, false, 11);
            assertTrue(nominal >= BALANCER_BAR, "nominal return " + nominal);
            double sum = 0;
            for (long seed = 100; seed < 100 + BALANCER_ROBOTS; seed++) {
                double r = episodeReturn("balancer", policy, true, seed);
                assertFalse(Double.isNaN(r), "the robot of seed " + seed + " fell");
                sum += r;
            }
            assertTrue(sum / BALANCER_ROBOTS >= BALANCER_BAR, "mean randomized return " + sum / BALANCER_ROBOTS);
        }
    }
}
