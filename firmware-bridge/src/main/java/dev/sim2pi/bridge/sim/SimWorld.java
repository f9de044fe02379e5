package dev.sim2pi.bridge.sim;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plant that advances with a clock: the physical world behind a simulated robot. Whenever a
 * device looks at it, it first steps the plant once for every control period the clock has
 * passed, holding the last command (a zero-order hold, as a motor driver does), then senses once
 * per step so every device sees the same reading. With {@link Clock#system()} it runs in real
 * time; with a stepped clock a test decides when time passes. One thread owns it (the control
 * loop); the only calls other threads may make are {@link #zeroFromAnyThread} (a watchdog or
 * shutdown hook making motors safe) and {@link #action}: the plant is stepped by its owner only,
 * so it never sees two writers. Allocation-free after construction.
 */
public final class SimWorld {

    private final Plant plant;
    private final double[] params;
    private final double[] state;
    private final double[] action;
    private final double[] sensors;
    private final Rng rng;
    private final Clock clock;
    private final long periodNanos;
    private long nextStepNanos;
    private long steps;
    private boolean sensed;
    /** Action channels another thread zeroed (one bit each) that the owner has not applied yet. */
    private final AtomicLong zeroPending = new AtomicLong();
    /** Clock reading of the earliest pending zeroing; Long.MAX_VALUE when none. */
    private final AtomicLong zeroSinceNanos = new AtomicLong(Long.MAX_VALUE);

    /**
     * @param params one parameter vector of {@code plant} (nominal, a draw, or a twin's file)
     * @param seed   seeds the initial state, process noise and sensor noise
     */
    public SimWorld(Plant plant, double[] params, Clock clock, long seed) {
        if (params.length != plant.parameters().size()) {
            throw new IllegalArgumentException("expected " + plant.parameters().size() + " parameters, got " + params.length);
        }
        this.plant = plant;
        this.params = params.clone();
        this.state = new double[plant.simStateSize()];
        this.action = new double[plant.task().actions().size()];
        if (action.length > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " action channels, got " + action.length);
        }
        this.sensors = new double[plant.task().sensors().size()];
        this.rng = new Rng(seed);
        this.clock = clock;
        this.periodNanos = Math.round(plant.task().controlPeriodSeconds() * 1e9);
        plant.reset(rng, this.params, 0, state, 0);
        this.nextStepNanos = clock.nanoTime() + periodNanos;
    }

    /** The nominal robot. */
    public static SimWorld nominal(Plant plant, Clock clock, long seed) {
        double[] p = new double[plant.parameters().size()];
        plant.parameters().nominal(p, 0);
        return new SimWorld(plant, p, clock, seed);
    }

    /** A robot drawn from the plant's randomization ranges with {@code seed}. */
    public static SimWorld randomized(Plant plant, Clock clock, long seed) {
        double[] p = new double[plant.parameters().size()];
        plant.parameters().draw(new Rng(Rng.mix(seed, 0, 0)), p, 0);
        return new SimWorld(plant, p, clock, seed);
    }

    /**
     * The reality twin of {@code taskId} with the parameters of {@code twinFile} (names and units of
     * the task's randomization config plus the twin's own effects; bad files raise InputException).
     */
    public static SimWorld twin(String taskId, Path twinFile, Clock clock, long seed) {
        return nominal(Twins.load(taskId, twinFile), clock, seed);
    }

    /** The plant sim2pi trains {@code taskId} on, with nominal parameters. */
    public static SimWorld nominal(String taskId, Clock clock, long seed) {
        return nominal(Plants.forTask(taskId), clock, seed);
    }

    /** Steps the plant for every period the clock has passed, then senses if it moved. */
    public void sync() {
        long now = clock.nanoTime();
        if (zeroPending.get() != 0) {
            // Steps that ended before the zeroing ran with the old command; later ones with zero.
            long since = zeroSinceNanos.getAndSet(Long.MAX_VALUE);
            stepUntil(Math.min(now, since));
            long channels = zeroPending.getAndSet(0);
            while (channels != 0) {
                action[Long.numberOfTrailingZeros(channels)] = 0;
                channels &= channels - 1;
            }
        }
        stepUntil(now);
        if (!sensed) {
            plant.sense(params, 0, state, 0, rng, sensors, 0);
            sensed = true;
        }
    }

    private void stepUntil(long now) {
        while (now - nextStepNanos >= 0) {
            plant.step(params, 0, state, 0, action, 0, rng);
            nextStepNanos += periodNanos;
            steps++;
            sensed = false;
        }
    }

    /**
     * Zeroes action channel {@code index} from now on (this clock reading), from any thread: a
     * watchdog making a motor safe while the owner is stuck or merely slow. The plant holds zero
     * from this instant; the owner's next {@link #sync()} steps the periods before it with the old
     * command and clears the channel; {@link #action} reports zero at once. Lock-free, allocation-free.
     */
    public void zeroFromAnyThread(int index) {
        long bit = 1L << index;
        long bits;
        do {
            bits = zeroPending.get();
        } while (!zeroPending.compareAndSet(bits, bits | bit));
        long now = clock.nanoTime();
        long since;
        do {
            since = zeroSinceNanos.get();
        } while (now < since && !zeroSinceNanos.compareAndSet(since, now));
    }

    /** The current raw reading (task sensor layout) after {@link #sync()}. */
    public double sensor(int index) {
        sync();
        return sensors[index];
    }

    /** Sets the command for action channel {@code index}, held from the next step on. */
    public void setAction(int index, double value) {
        action[index] = value;
    }

    /** The command the plant holds on channel {@code index}: zero once zeroed from another thread. */
    public double action(int index) {
        return (zeroPending.get() & 1L << index) != 0 ? 0 : action[index];
    }

    public Plant plant() {
        return plant;
    }

    /** The true simulation state (for tests and the twin's bookkeeping; a controller never sees it). */
    public double state(int index) {
        return state[index];
    }

    /** A copy of the parameter vector this world runs with. */
    public double[] parameters() {
        return params.clone();
    }

    /** Plant steps taken so far. */
    public long steps() {
        return steps;
    }

    public Clock clock() {
        return clock;
    }
}
