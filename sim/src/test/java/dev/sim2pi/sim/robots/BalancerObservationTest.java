package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.control.BalancerLqr;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * The observation carries what a policy needs, although it holds no pitch estimate: a linear map
 * from observations to the duties the true-state LQR chose, fitted by least squares on randomized
 * robots, balances and tracks unseen randomized robots on its own.
 */
class BalancerObservationTest {

    private final BalancerPlant plant = new BalancerPlant();
    private final BalancerTask task = plant.task();
    private final int n = task.observationSize();
    private final ObservationBuilder builder = new ObservationBuilder(task, 1);
    private final double[] p = new double[plant.parameters().size()];
    private final double[] s = new double[plant.simStateSize()];
    private final double[] reading = new double[task.sensors().size()];
    private final float[] obs = new float[n];

    private void startEpisode(Rng rng) {
        plant.parameters().draw(rng, p, 0);
        plant.reset(rng, p, 0, s, 0);
        plant.sense(p, 0, s, 0, rng, reading, 0);
        builder.reset(0, reading, 0);
    }

    @Test
    void aLinearPolicyOnObservationsClonedFromLqrBalancesUnseenRandomizedRobots() {
        Rng rng = new Rng(5);
        int samples = 30_000;
        double[][] x = new double[samples][n];
        double[][] y = new double[2][samples];
        double[] action = new double[2];
        int k = 0;
        while (k < samples) {
            startEpisode(rng);
            BalancerLqr lqr = BalancerLqr.design(plant, p);
            lqr.reset(s, 0);
            for (int t = 0; t < 500 && k < samples; t++, k++) {
                builder.write(0, obs, 0);
                lqr.act(s, 0, action, 0);
                for (int i = 0; i < n; i++) {
                    x[k][i] = obs[i];
                }
                y[0][k] = action[0];
                y[1][k] = action[1];
                // Exploration noise, so the fit sees states off the expert's path.
                action[0] += 0.15 * rng.gaussian();
                action[1] += 0.15 * rng.gaussian();
                plant.step(p, 0, s, 0, action, 0, rng);
                if (task.terminated(s, 0)) {
                    break;
                }
                plant.sense(p, 0, s, 0, rng, reading, 0);
                builder.push(0, reading, 0, action, 0);
            }
        }
        double[][] weights = new double[2][];
        for (int j = 0; j < 2; j++) {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y[j], x);
            weights[j] = ols.estimateRegressionParameters();
        }

        int trials = 20;
        int stayedUp = 0;
        double returns = 0;
        double[] before = new double[s.length];
        for (int e = 0; e < trials; e++) {
            startEpisode(rng);
            boolean fell = false;
            for (int t = 0; t < task.maxEpisodeSteps() && !fell; t++) {
                builder.write(0, obs, 0);
                for (int j = 0; j < 2; j++) {
                    double u = weights[j][0];
                    for (int i = 0; i < n; i++) {
                        u += weights[j][i + 1] * obs[i];
                    }
                    action[j] = Math.max(-1, Math.min(1, u));
                }
                System.arraycopy(s, 0, before, 0, s.length);
                plant.step(p, 0, s, 0, action, 0, rng);
                returns += task.reward(before, 0, action, 0, s, 0);
                fell = task.terminated(s, 0);
                plant.sense(p, 0, s, 0, rng, reading, 0);
                builder.push(0, reading, 0, action, 0);
            }
            stayedUp += fell ? 0 : 1;
        }
        // In development about 90 % stayed up with mean return near 790 (true-state LQR: about 965 nominal).
        assertTrue(stayedUp >= 0.75 * trials, "stayed up in " + stayedUp + " of " + trials);
        assertTrue(returns / trials > 650, "mean return " + returns / trials);
    }
}
