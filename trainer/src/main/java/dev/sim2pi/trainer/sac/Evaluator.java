package dev.sim2pi.trainer.sac;

import dev.sim2pi.trainer.env.EnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;

/**
 * Runs the deterministic policy for one episode in each of {@code episodes} randomized
 * environments of one {@link EvaluationRobots} set (seeded apart from training and from the other
 * set), plus one episode of the nominal model. Owns its environments, so it can run on its own
 * thread while training goes on.
 */
public final class Evaluator implements AutoCloseable {

    private final TrainingEnv randomized;
    private final TrainingEnv nominal;
    private final EvaluationRobots robots;
    private final long seed;
    private final double[] returns;
    private final boolean[] done;
    private final double[] actions;
    private final double[] nominalAction;

    /** Mean and standard deviation over the randomized episodes, and the nominal episode's return. */
    public record Result(double mean, double std, double nominal) {
    }

    /** Evaluates on {@code episodes} robots of set {@code robots} for the run seeded {@code runSeed}. */
    public Evaluator(EnvFactory factory, int episodes, long runSeed, EvaluationRobots robots) {
        this.randomized = factory.create(episodes);
        this.nominal = factory.createNominal(1);
        this.robots = robots;
        this.seed = robots.seed(runSeed);
        this.returns = new double[episodes];
        this.done = new boolean[episodes];
        this.actions = new double[episodes * randomized.actionSize()];
        this.nominalAction = new double[randomized.actionSize()];
    }

    public EvaluationRobots robots() {
        return robots;
    }

    /** The simulator seed its episodes start from. */
    public long seed() {
        return seed;
    }

    public int episodes() {
        return randomized.numEnvs();
    }

    /** Evaluates {@code policy}; every call uses the same robots and episodes, so curves compare like with like. */
    public Result evaluate(PolicySnapshot policy) {
        int n = randomized.numEnvs();
        PolicySnapshot.Forward forward = policy.forward(n);
        runEpisodes(randomized, forward, returns, done, actions);
        double mean = 0;
        for (double r : returns) {
            mean += r;
        }
        mean /= n;
        double var = 0;
        for (double r : returns) {
            var += (r - mean) * (r - mean);
        }
        double[] nominalReturn = new double[1];
        runEpisodes(nominal, forward, nominalReturn, new boolean[1], nominalAction);
        return new Result(mean, Math.sqrt(var / n), nominalReturn[0]);
    }

    private void runEpisodes(TrainingEnv env, PolicySnapshot.Forward forward, double[] ret, boolean[] finished,
                             double[] act) {
        int n = env.numEnvs();
        java.util.Arrays.fill(ret, 0);
        java.util.Arrays.fill(finished, false);
        env.reset(seed);
        int remaining = n;
        while (remaining > 0) {
            forward.actions(env.observations(), n, act);
            env.step(act);
            float[] r = env.rewards();
            boolean[] term = env.terminated();
            boolean[] trunc = env.truncated();
            for (int e = 0; e < n; e++) {
                if (finished[e]) {
                    continue;
                }
                ret[e] += r[e];
                if (term[e] || trunc[e]) {
                    finished[e] = true;
                    remaining--;
                }
            }
        }
    }

    @Override
    public void close() {
        randomized.close();
        nominal.close();
    }
}
