package dev.sim2pi.trainer.sac;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.trainer.env.Demonstrator;
import dev.sim2pi.trainer.env.TrainingEnv;

/**
 * The SAC loop over a batched environment: collect one step from every environment (uniform
 * random actions until {@code learning_starts}, then the stochastic policy; during the first
 * {@code demonstration_steps}, a {@code demonstration_fraction} of episodes is driven by the task's
 * demonstrating controller instead), store n-step
 * transitions, then run as many gradient updates as the update-to-data ratio has earned. Every
 * random draw comes from one {@link Rng} in a fixed order, so a seed fixes the run.
 * Allocation-free per iteration once constructed.
 */
public final class SacTrainer {

    private static final double DEMONSTRATION_BOUND = 0.999;

    private final SacConfig config;
    private final TrainingEnv env;
    private final SacEngine engine;
    private final ReplayBuffer replay;
    private final ObservationNormalizer normalizer;
    private final NStepAccumulator nStep;
    private final Rng rng;
    private final SacBatch batch;
    private final SacLosses losses = new SacLosses();
    private final int envs;
    private final int obsSize;
    private final int actSize;
    private final double[] low;
    private final double[] high;
    private final float[] actingObs;
    private final float[][] normalized;
    private final float[][] noise;
    private final float[][] squashed;
    private final float[] squashedFlat;
    private final double[] physical;
    private final double[] episodeReturn;
    private final Demonstrator demonstrator;
    private final double[] demonstration;
    private final boolean[] demonstrated;
    private long envSteps;
    private long updates;
    private double updateCredit;
    private long episodes;
    private double lastEpisodeReturn = Double.NaN;
    private BatchSampler sampler;
    private long actorFrozenUntil;
    private boolean policyFromStart;

    public SacTrainer(SacConfig config, TrainingEnv env, SacEngine engine, long seed) {
        this.config = config;
        this.env = env;
        this.engine = engine;
        this.envs = env.numEnvs();
        this.obsSize = env.observationSize();
        this.actSize = env.actionSize();
        this.replay = new ReplayBuffer(config.bufferSize(), obsSize, actSize);
        this.normalizer = new ObservationNormalizer(obsSize, config.normalizeObservations());
        this.nStep = new NStepAccumulator(config.nStep(), envs, obsSize, actSize, config.gamma());
        this.rng = new Rng(seed);
        this.batch = new SacBatch(config.batchSize(), obsSize, actSize);
        this.sampler = replay::sample;
        this.low = env.actionLow().clone();
        this.high = env.actionHigh().clone();
        this.actingObs = new float[envs * obsSize];
        this.normalized = new float[envs][obsSize];
        this.noise = new float[envs][actSize];
        this.squashed = new float[envs][actSize];
        this.squashedFlat = new float[envs * actSize];
        this.physical = new double[envs * actSize];
        this.episodeReturn = new double[envs];
        this.demonstrator = config.demonstrationSteps() > 0 ? env.demonstrator() : null;
        if (config.demonstrationSteps() > 0 && demonstrator == null) {
            throw new InputException("config field 'demonstration_steps' is " + config.demonstrationSteps()
                    + " but task '" + config.task() + "' has no demonstrating controller; expected 0");
        }
        this.demonstration = new double[envs * actSize];
        this.demonstrated = new boolean[envs];
        SacState initial = SacState.forConfig(config, obsSize, actSize);
        initial.initialize(seed, config.initialAlpha());
        engine.importState(initial);
        env.reset(seed);
        for (int e = 0; e < envs; e++) {
            demonstrated[e] = drawDemonstrated();
        }
    }

    /** One collection step on every environment, then the updates it earned. */
    public void iterate() {
        System.arraycopy(env.observations(), 0, actingObs, 0, actingObs.length);
        normalizer.observe(actingObs, envs);
        if (envSteps < config.learningStarts() && !policyFromStart) {
            if ((envSteps / envs) % config.randomActionHold() == 0) {
                for (int e = 0; e < envs; e++) {
                    for (int j = 0; j < actSize; j++) {
                        squashed[e][j] = (float) rng.uniform(-1, 1);
                    }
                }
            }
        } else {
            normalizer.normalizeRows(actingObs, normalized, envs);
            for (int e = 0; e < envs; e++) {
                for (int j = 0; j < actSize; j++) {
                    noise[e][j] = (float) rng.gaussian();
                }
            }
            engine.act(normalized, envs, noise, squashed);
        }
        if (envSteps < config.demonstrationSteps()) {
            demonstrate();
        }
        for (int e = 0; e < envs; e++) {
            for (int j = 0; j < actSize; j++) {
                int k = e * actSize + j;
                squashedFlat[k] = squashed[e][j];
                physical[k] = low[j] + (squashed[e][j] + 1.0) * 0.5 * (high[j] - low[j]);
            }
        }
        env.step(physical);
        float[] next = env.observations();
        float[] last = env.finalObservations();
        float[] rewards = env.rewards();
        boolean[] terminated = env.terminated();
        boolean[] truncated = env.truncated();
        for (int e = 0; e < envs; e++) {
            boolean ended = terminated[e] || truncated[e];
            boolean demo = demonstrated[e] && envSteps < config.demonstrationSteps();
            nStep.add(replay, e, actingObs, e * obsSize, squashedFlat, e * actSize, demo, rewards[e],
                    ended ? last : next, e * obsSize, ended, terminated[e]);
            episodeReturn[e] += rewards[e];
            if (ended) {
                demonstrated[e] = drawDemonstrated();
                lastEpisodeReturn = episodeReturn[e];
                episodeReturn[e] = 0;
                episodes++;
            }
        }
        envSteps += envs;
        if (envSteps >= config.learningStarts()) {
            updateCredit += config.updatesPerStep() * envs;
            while (updateCredit >= 1) {
                updateCredit -= 1;
                learn();
            }
        }
    }

    /** Whether an episode about to start is demonstrated (only while demonstrations last). */
    private boolean drawDemonstrated() {
        return demonstrator != null && envSteps < config.demonstrationSteps()
                && rng.uniform(0, 1) < config.demonstrationFraction();
    }

    /**
     * In demonstrated episodes, the demonstrator's actions replace the others, squashed to
     * [-1, 1] with noise added, and are stored like the policy's. The demonstrator runs for every
     * environment every step so that its controllers follow each episode from its start.
     */
    private void demonstrate() {
        demonstrator.act(demonstration);
        for (int e = 0; e < envs; e++) {
            if (!demonstrated[e]) {
                continue;
            }
            for (int j = 0; j < actSize; j++) {
                int k = e * actSize + j;
                double unit = 2 * (demonstration[k] - low[j]) / (high[j] - low[j]) - 1 + config.demonstrationNoise() * rng.gaussian();
                // Strictly inside (-1, 1): the squashed Gaussian's log-probability is infinite at the bounds.
                squashed[e][j] = (float) Math.max(-DEMONSTRATION_BOUND, Math.min(DEMONSTRATION_BOUND, unit));
            }
        }
    }

    /** One gradient update on a fresh minibatch. */
    public void learn() {
        sampler.sample(rng, normalizer, batch);
        boolean actor = updates >= actorFrozenUntil && updates % config.actorInterval() == 0;
        engine.update(batch, actor, updates % config.targetInterval() == 0, losses);
        updates++;
    }

    /** Draws minibatches from {@code source} instead of uniformly from this trainer's replay buffer. */
    public void setBatchSampler(BatchSampler source) {
        this.sampler = source;
    }

    /**
     * Leaves the actor and the temperature as they are for the first {@code count} updates, so
     * critics that start fresh under a trained actor learn its values before it follows them.
     */
    public void freezeActorForUpdates(long count) {
        this.actorFrozenUntil = count;
    }

    /** Whether the actor is still frozen ({@link #freezeActorForUpdates}). */
    public boolean actorFrozen() {
        return updates < actorFrozenUntil;
    }

    /**
     * Collects with the policy from the first step instead of uniform random actions until
     * {@code learning_starts} (which then only delays learning): for a run that starts from a
     * trained actor.
     */
    public void actWithPolicyFromStart() {
        this.policyFromStart = true;
    }

    /** A frozen copy of the current deterministic policy (allocates; call between iterations). */
    public PolicySnapshot snapshot() {
        float[] actor = new float[SacState.forConfig(config, obsSize, actSize).actor.length];
        engine.actorParameters(actor);
        return new PolicySnapshot(SacState.forConfig(config, obsSize, actSize).actorShape, actor,
                normalizer.frozenMean(), normalizer.frozenStd(), low.clone(), high.clone());
    }

    public long envSteps() {
        return envSteps;
    }

    public long updates() {
        return updates;
    }

    public long episodes() {
        return episodes;
    }

    /** Return of the most recent finished training episode (exploration noise included), NaN before one. */
    public double lastEpisodeReturn() {
        return lastEpisodeReturn;
    }

    /** Latest losses, temperature and entropy. */
    public SacLosses losses() {
        return losses;
    }

    public SacConfig config() {
        return config;
    }

    public SacEngine engine() {
        return engine;
    }

    public ReplayBuffer replay() {
        return replay;
    }

    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    public Rng rng() {
        return rng;
    }

    NStepAccumulator nStep() {
        return nStep;
    }

    double updateCredit() {
        return updateCredit;
    }

    /** Restores the loop's counters from a checkpoint; environments start fresh episodes. */
    void restoreCounters(long steps, long updateCount, double credit, long episodeCount, long resumeSeed) {
        this.envSteps = steps;
        this.updates = updateCount;
        this.updateCredit = credit;
        this.episodes = episodeCount;
        nStep.clear();
        java.util.Arrays.fill(episodeReturn, 0);
        env.reset(resumeSeed);
    }
}
