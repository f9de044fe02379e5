package dev.sim2pi.sim.env;

import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import java.util.function.IntConsumer;

/**
 * N environments of one plant stepped together, with Gymnasium's vector-env semantics: each step
 * gives observations, rewards, {@code terminated} (a terminal state) and {@code truncated} (time
 * limit); an environment that finishes resets at once and its last observation is kept in
 * {@link #finalObservations()}.
 *
 * <p>Data is structure-of-arrays: one flat primitive array per quantity for all environments
 * ({@code observations()[env * observationSize() + i]}). Arrays returned by the accessors are
 * live and overwritten by the next step. Observations come from the task's
 * {@link ObservationBuilder}, the same pipeline the robot runs.
 *
 * <p>Every episode draws the plant's parameters ({@link EpisodeParameters}; the nominal ones when
 * randomization is off), its initial state and all its noise from one {@link Rng} seeded by
 * {@code Rng.mix(seed, env, episode)}, so results depend on the seed only: not on the thread
 * count, which thread steps an environment, or what other environments do. Parameters named
 * {@value #LATENCY} and {@value #DELAY} (integer steps) set the action latency and observation
 * delay of the episode. One instance is stepped by one thread at a time.
 *
 * <p>Stepping allocates nothing. Environments are stepped in blocks of {@value #BLOCK}, which the
 * threads claim as they go: a thread the OS is slow to schedule leaves its share to the others.
 */
public final class VectorEnv implements AutoCloseable {

    /** Reserved parameter: control steps between a command and the plant applying it. */
    public static final String LATENCY = EpisodeParameters.LATENCY;
    /** Reserved parameter: control steps between a reading and the observation showing it. */
    public static final String DELAY = EpisodeParameters.DELAY;

    /** Environments stepped phase by phase together: small enough to stay in the L1 cache. */
    private static final int BLOCK = 64;

    private final Plant plant;
    private final RobotTask task;
    private final EpisodeParameters draws;
    private final int envs;
    private final int stateSize;
    private final int paramSize;
    private final int actionSize;
    private final int sensorSize;
    private final int obsSize;
    private final int maxSteps;
    private final boolean autoReset;

    private final double[] state;
    private final double[] before;
    private final double[] params;
    private final double[] sensors;
    private final float[] observations;
    private final float[] finalObservations;
    private final double[] rewards;
    private final double[] returns;
    private final double[] finalReturns;
    private final int[] finalLengths;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final int[] steps;
    private final long[] episodes;
    private final Rng[] rngs;
    private final ObservationBuilder builder;
    private final DelayLines delays;
    /** Per env, where in the delay line the command applied this step is. */
    private final int[] appliedOffsets;
    private final WorkerPool pool;
    /** Reward as the robot would compute it, or null to reward on the true state. */
    private final RobotRewards estimated;
    private final double[] trueRewards;
    /** Pendulum-v1's one-pass block step, or null for the generic path. */
    private final PendulumBlock pendulum;

    private long seed;
    private boolean started;
    private double[] pendingActions;

    /**
     * @param plant   the physics (and through it the task)
     * @param envs    number of environments, at least 1
     * @param options threads, randomization, auto-reset
     */
    public VectorEnv(Plant plant, int envs, EnvOptions options) {
        if (envs < 1) {
            throw new IllegalArgumentException("envs must be >= 1, got " + envs);
        }
        this.plant = plant;
        this.task = plant.task();
        this.draws = new EpisodeParameters(plant.parameters(), options.randomize());
        this.envs = envs;
        this.stateSize = plant.simStateSize();
        this.paramSize = draws.size();
        this.actionSize = task.actions().size();
        this.sensorSize = task.sensors().size();
        this.obsSize = task.observationSize();
        this.maxSteps = task.maxEpisodeSteps();
        this.autoReset = options.autoReset();
        this.state = new double[envs * stateSize];
        this.before = new double[envs * stateSize];
        this.params = new double[envs * paramSize];
        this.sensors = new double[envs * sensorSize];
        this.observations = new float[envs * obsSize];
        this.finalObservations = new float[envs * obsSize];
        this.rewards = new double[envs];
        this.returns = new double[envs];
        this.finalReturns = new double[envs];
        this.finalLengths = new int[envs];
        this.terminated = new boolean[envs];
        this.truncated = new boolean[envs];
        this.steps = new int[envs];
        this.episodes = new long[envs];
        this.rngs = new Rng[envs];
        for (int i = 0; i < envs; i++) {
            rngs[i] = new Rng(i);
        }
        this.builder = new ObservationBuilder(task, envs);
        int maxLatency = draws.maxLatencySteps();
        int maxDelay = draws.maxDelaySteps();
        this.delays = maxLatency + maxDelay > 0
                ? new DelayLines(envs, actionSize, sensorSize, maxLatency, maxDelay) : null;
        this.appliedOffsets = delays != null ? new int[envs] : null;
        this.trueRewards = new double[envs];
        this.estimated = options.estimatedReward() ? new RobotRewards(task, envs) : null;
        this.pendulum = PendulumBlock.covers(plant, delays != null, estimated != null)
                ? new PendulumBlock(plant, params, paramSize, state, before, sensors, observations, rewards,
                        trueRewards, returns, terminated, truncated, steps, rngs)
                : null;
        int threads = options.threads() > 0 ? options.threads() : EnvOptions.defaultThreads(envs);
        int blocks = (envs + BLOCK - 1) / BLOCK;
        IntConsumer blockStep = this::stepBlock;
        this.pool = new WorkerPool(Math.min(threads, blocks), "vector-env", blockStep, blocks);
    }

    /** {@code envs} environments with default options (randomized, auto-reset, threads by size). */
    public VectorEnv(Plant plant, int envs) {
        this(plant, envs, EnvOptions.defaults());
    }

    /** Starts episode 0 of every environment from {@code seed}. */
    public void reset(long seed) {
        this.seed = seed;
        for (int i = 0; i < envs; i++) {
            beginEpisode(i, 0, null, 0);
            // An explicit reset starts afresh: the previous step's episode ends are no longer news.
            terminated[i] = false;
            truncated[i] = false;
        }
        started = true;
    }

    /**
     * Starts a new episode of {@code env} from a given task state (the {@link RobotTask#state()}
     * layout) instead of the reset distribution; the plant's hidden variables start at zero.
     * Parameters and noise are drawn as for any episode.
     */
    public void resetTo(int env, double[] taskState, int taskStateOffset) {
        if (!started) {
            reset(seed);
        }
        beginEpisode(env, episodes[env] + 1, taskState, taskStateOffset);
        terminated[env] = false;
        truncated[env] = false;
    }

    /**
     * Applies one command per environment ({@code actions[env * actionSize() + i]}, physical units,
     * passed to the plant as given) and advances every environment by one control period. With
     * action latency the plant and the reward see the command given that many steps earlier
     * (zero before there was one); the observation's last action is always the command just
     * given, as the robot's controller knows it.
     */
    public void step(double[] actions) {
        if (!started) {
            throw new IllegalStateException("call reset(seed) before step");
        }
        if (actions.length < envs * actionSize) {
            throw new IllegalArgumentException("actions needs " + envs * actionSize + " values, got " + actions.length);
        }
        pendingActions = actions;
        pool.run();
    }

    private void stepBlock(int block) {
        int from = block * BLOCK;
        int to = Math.min(envs, from + BLOCK);
        if (pendulum != null) {
            pendulum.step(from, to, pendingActions);
        } else {
            stepBlock(from, to, pendingActions);
        }
        if (autoReset) {
            endEpisodes(from, to);
        }
    }

    /**
     * One step of a block of environments in phases (physics, then observations; resets follow):
     * each phase's loop has independent iterations, so the CPU overlaps the long math (sin, cos)
     * of neighbouring environments instead of waiting on one environment's chain.
     */
    private void stepBlock(int from, int to, double[] commands) {
        for (int i = from; i < to; i++) {
            advance(i, commands);
            score(i, commands);
        }
        for (int i = from; i < to; i++) {
            observe(i, commands);
        }
    }

    /** Keeps the last observation, return and length of each episode that just ended and starts the next. */
    private void endEpisodes(int from, int to) {
        for (int i = from; i < to; i++) {
            if (terminated[i] || truncated[i]) {
                int oo = i * obsSize;
                System.arraycopy(observations, oo, finalObservations, oo, obsSize);
                finalReturns[i] = returns[i];
                finalLengths[i] = steps[i];
                beginEpisode(i, episodes[i] + 1, null, 0);
            }
        }
    }

    /** Applies env's command (after its latency) to the plant, keeping the state before. */
    private void advance(int i, double[] commands) {
        int so = i * stateSize;
        double[] applied = commands;
        int ao = i * actionSize;
        if (delays != null) {
            applied = delays.actionRing();
            ao = delays.command(i, steps[i], commands, ao);
            appliedOffsets[i] = ao;
        }
        for (int k = 0; k < stateSize; k++) {
            before[so + k] = state[so + k];
        }
        plant.step(params, i * paramSize, state, so, applied, ao, rngs[i]);
    }

    /** Reward, termination and time limit of the step just taken. */
    private void score(int i, double[] commands) {
        int so = i * stateSize;
        double reward = delays != null
                ? task.reward(before, so, delays.actionRing(), appliedOffsets[i], state, so)
                : task.reward(before, so, commands, i * actionSize, state, so);
        trueRewards[i] = reward;
        rewards[i] = reward;
        terminated[i] = task.terminated(state, so);
        int done = steps[i] + 1;
        steps[i] = done;
        truncated[i] = done >= maxSteps;
    }

    /** Reads the sensors and builds the observation (after the observation delay). */
    private void observe(int i, double[] commands) {
        int zo = i * sensorSize;
        plant.sense(params, i * paramSize, state, i * stateSize, rngs[i], sensors, zo);
        int co = i * actionSize;
        double[] seen = sensors;
        int seenOffset = zo;
        if (delays != null) {
            seen = delays.readingRing();
            seenOffset = delays.reading(i, steps[i], sensors, zo);
        }
        builder.push(i, seen, seenOffset, commands, co);
        builder.write(i, observations, i * obsSize);
        if (estimated != null) {
            // The robot's view: the reading its observation shows, the command it sent.
            rewards[i] = estimated.step(i, seen, seenOffset, commands, co);
            terminated[i] = estimated.terminated(i);
        }
        returns[i] += rewards[i];
    }

    private void beginEpisode(int i, long episode, double[] taskState, int taskStateOffset) {
        episodes[i] = episode;
        steps[i] = 0;
        returns[i] = 0;
        Rng rng = rngs[i];
        int po = i * paramSize;
        draws.begin(rng, seed, i, episode, params, po);
        int so = i * stateSize;
        if (taskState == null) {
            plant.reset(rng, params, po, state, so);
        } else {
            plant.load(params, po, taskState, taskStateOffset, state, so);
        }
        int zo = i * sensorSize;
        plant.sense(params, po, state, so, rng, sensors, zo);
        if (delays != null) {
            delays.begin(i, draws.latencySteps(params, po), draws.delaySteps(params, po), sensors, zo);
        }
        builder.reset(i, sensors, zo);
        builder.write(i, observations, i * obsSize);
        if (estimated != null) {
            estimated.reset(i, sensors, zo);
        }
    }

    /** How this environment draws each episode's parameters. */
    public EpisodeParameters episodeParameters() {
        return draws;
    }

    public Plant plant() {
        return plant;
    }

    public RobotTask task() {
        return task;
    }

    public int envs() {
        return envs;
    }

    public int threads() {
        return pool.threads();
    }

    public int observationSize() {
        return obsSize;
    }

    public int actionSize() {
        return actionSize;
    }

    public int stateSize() {
        return stateSize;
    }

    /** Current observations, {@code [env * observationSize() + i]}; after an auto-reset, the new episode's first. */
    public float[] observations() {
        return observations;
    }

    /** The last observation of the episode that ended at the last step, valid where {@code done(env)}. */
    public float[] finalObservations() {
        return finalObservations;
    }

    /** Each environment's reward for the last step: on the estimate when rewarding as the robot would. */
    public double[] rewards() {
        return rewards;
    }

    /** Each environment's reward for the last step computed on the simulator's true state. */
    public double[] trueRewards() {
        return trueRewards;
    }

    /** Whether rewards and terminations come from the task's state estimator. */
    public boolean estimatedReward() {
        return estimated != null;
    }

    /** The robot's state estimates after the last step, {@code [env * estimate size + i]}; null unless estimating. */
    public double[] estimates() {
        return estimated == null ? null : estimated.estimates();
    }

    /** Sum of rewards so far in each environment's current episode. */
    public double[] episodeReturns() {
        return returns;
    }

    /** Return of the episode that ended at the last step, valid where {@code done(env)} (auto-reset only). */
    public double[] finalReturns() {
        return finalReturns;
    }

    /** Length in steps of the episode that ended at the last step, valid where {@code done(env)} (auto-reset only). */
    public int[] finalLengths() {
        return finalLengths;
    }

    public boolean[] terminated() {
        return terminated;
    }

    public boolean[] truncated() {
        return truncated;
    }

    /** Whether env's episode ended at the last step (terminated or truncated). */
    public boolean done(int env) {
        return terminated[env] || truncated[env];
    }

    /** Simulation state (task state then hidden variables), {@code [env * stateSize() + i]}. */
    public double[] states() {
        return state;
    }

    /** This episode's parameter values, in the order of the plant's parameter space. */
    public double[] parameters() {
        return params;
    }

    /** The raw sensor readings taken after the last step (before any observation delay). */
    public double[] sensors() {
        return sensors;
    }

    /** Episode number of each environment, counting from 0 at {@link #reset(long)}. */
    public long episode(int env) {
        return episodes[env];
    }

    /** Steps taken in each environment's current episode. */
    public int stepsInEpisode(int env) {
        return steps[env];
    }

    /** This episode's action latency of env, in control steps. */
    public int actionLatency(int env) {
        return delays == null ? 0 : delays.latency(env);
    }

    /** This episode's observation delay of env, in control steps. */
    public int observationDelay(int env) {
        return delays == null ? 0 : delays.delay(env);
    }

    /** Whether blocks are stepped by {@link PendulumBlock} (for the test that holds it to the generic path). */
    boolean onePassPendulum() {
        return pendulum != null;
    }

    long[] workerThreadIds() {
        return pool.workerThreadIds();
    }

    @Override
    public void close() {
        pool.close();
    }
}
