package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.estimate.BalancerEstimator;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.control.BalancerLqr;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The balancer's state estimator against the simulator's true state, on randomized training robots
 * and on the shipped twin (gyro bias, IMU mounting offset, dropouts, backlash), with an LQR on the
 * true state moving the robot around its commands. Prints the figures it checks.
 */
class BalancerEstimateTest {

    /** Per-step estimate errors and the two returns over some episodes. */
    private record Run(double pitchRms, double speedRms, double yawRms, double estimatedReturn, double trueReturn,
                       int estimateEnded, int trueFalls, int episodes) {
    }

    private static Run drive(Plant plant, int episodes, long seed) {
        double sumPitch = 0;
        double sumSpeed = 0;
        double sumYaw = 0;
        long n = 0;
        double estimated = 0;
        double real = 0;
        int ended = 0;
        int falls = 0;
        double[] action = new double[2];
        // The true state of the last steps (errors count while the robot is up): with an observation delay the estimate describes an earlier one.
        double[][] past = new double[3][3];
        for (int e = 0; e < episodes; e++) {
            try (VectorEnv env = new VectorEnv(plant, 1, new EnvOptions(1, true, false).withEstimatedReward(true))) {
                env.reset(seed + e);
                double[] s = env.states();
                BalancerLqr lqr = BalancerLqr.design(new BalancerPlant(), env.parameters());
                lqr.reset(s, 0);
                double[] est = env.estimates();
                int delay = env.observationDelay(0);
                int fellAt = -1;
                int endedAt = -1;
                for (int k = 0; k < 1000; k++) {
                    lqr.act(s, 0, action, 0);
                    env.step(action);
                    estimated += env.rewards()[0];
                    real += env.trueRewards()[0];
                    double[] now = past[k % 3];
                    now[0] = s[BalancerTask.PITCH];
                    now[1] = s[BalancerTask.FORWARD_SPEED];
                    now[2] = s[BalancerTask.YAW_RATE];
                    double[] seen = past[((k - delay) % 3 + 3) % 3];
                    if (k > 50 && fellAt < 0 && endedAt < 0) {
                        sumPitch += sq(est[BalancerEstimator.PITCH] - seen[0]);
                        sumSpeed += sq(est[BalancerEstimator.FORWARD_SPEED] - seen[1]);
                        sumYaw += sq(est[BalancerEstimator.YAW_RATE] - seen[2]);
                        n++;
                    }
                    if (fellAt < 0 && Math.abs(s[BalancerTask.PITCH]) > BalancerTask.PITCH_LIMIT_RAD) {
                        fellAt = k;
                        falls++;
                    }
                    if (endedAt < 0 && env.terminated()[0]) {
                        endedAt = k;
                        ended++;
                    }
                    // The estimate may see the limit crossed a little earlier or later (filter, observation
                    // delay): whichever comes first, give the other a few steps.
                    int first = fellAt < 0 ? endedAt : endedAt < 0 ? fellAt : Math.min(fellAt, endedAt);
                    if (first >= 0 && k - first >= 5) {
                        assertTrue(fellAt >= 0 && endedAt >= 0, "true fall at step " + fellAt + ", estimate ended at "
                                + endedAt);
                        break;
                    }
                }
            }
        }
        return new Run(Math.sqrt(sumPitch / n), Math.sqrt(sumSpeed / n), Math.sqrt(sumYaw / n),
                estimated / episodes, real / episodes, ended, falls, episodes);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static void print(String what, Run r) {
        System.out.printf(Locale.ROOT, "estimate on %s: pitch rms %.4f rad, forward speed rms %.4f m/s, yaw rate rms "
                        + "%.4f rad/s; return on estimate %.1f vs true state %.1f (gap %.2f%%), %d of %d ended%n",
                what, r.pitchRms, r.speedRms, r.yawRms, r.estimatedReturn, r.trueReturn,
                100 * (r.estimatedReturn - r.trueReturn) / r.trueReturn, r.estimateEnded, r.episodes);
        System.out.printf(Locale.ROOT, "  (%d of them fell in truth)%n", r.trueFalls);
    }

    @Test
    void estimateTracksTheTrueStateOfRandomizedTrainingRobots() {
        Run r = drive(new BalancerPlant(), 6, 100);
        print("randomized training robots", r);
        assertTrue(r.pitchRms < 0.03, "pitch within 30 mrad rms (measured 20, limit cycles of rough robots included): " + r);
        assertTrue(r.speedRms < 0.05, "forward speed within 5 cm/s rms (measured 2.5): " + r);
        assertTrue(r.yawRms < 0.05, r.toString());
        assertEquals(r.trueFalls, r.estimateEnded, "the estimate ends the episodes that fell, and only those: " + r);
        assertEquals(r.trueReturn, r.estimatedReturn, 0.03 * r.trueReturn, "returns within 3%: " + r);
    }

    @Test
    void estimateTracksTheTwinThroughBiasOffsetDropoutsAndBacklash() {
        Run r = drive(BalancerTwin.shipped(), 4, 200);
        print("the shipped twin", r);
        assertTrue(r.pitchRms < 0.03, r.toString());
        assertTrue(r.speedRms < 0.06, r.toString());
        assertEquals(r.trueFalls, r.estimateEnded, r.toString());
        assertEquals(r.trueReturn, r.estimatedReturn, 0.05 * r.trueReturn, r.toString());
    }

    @Test
    void aFallSeenByTheEstimateEndsTheEpisodeWithinAFewSteps() {
        BalancerPlant plant = new BalancerPlant();
        try (VectorEnv env = new VectorEnv(plant, 1, new EnvOptions(1, false, false).withEstimatedReward(true))) {
            env.reset(5);
            double[] s = env.states();
            int trueFall = -1;
            int seenFall = -1;
            for (int k = 0; k < 300 && seenFall < 0; k++) {
                env.step(new double[] {0, 0});
                if (trueFall < 0 && Math.abs(s[BalancerTask.PITCH]) > BalancerTask.PITCH_LIMIT_RAD) {
                    trueFall = k;
                }
                if (env.terminated()[0]) {
                    seenFall = k;
                }
            }
            assertTrue(trueFall > 0 && seenFall >= trueFall - 2 && seenFall <= trueFall + 5,
                    "true fall at step " + trueFall + ", seen at " + seenFall);
        }
    }

    @Test
    void rewardingOnTheTrueStateIsUnchangedAndReportsTheSameTrueRewards() {
        // No auto-reset: the two end episodes on different signals, which would start the next at different steps.
        try (VectorEnv plain = new VectorEnv(new BalancerPlant(), 4, new EnvOptions(1, true, false));
             VectorEnv both = new VectorEnv(new BalancerPlant(), 4, new EnvOptions(1, true, false).withEstimatedReward(true))) {
            plain.reset(9);
            both.reset(9);
            double[] action = {0.1, -0.05, 0.2, 0.2, 0, 0, -0.1, 0.1};
            for (int k = 0; k < 100; k++) {
                plain.step(action);
                both.step(action);
                for (int i = 0; i < 4; i++) {
                    assertEquals(plain.rewards()[i], plain.trueRewards()[i], 0);
                    assertEquals(plain.rewards()[i], both.trueRewards()[i], 0, "same physics, same true reward");
                }
            }
        }
    }
}
