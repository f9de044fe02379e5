package dev.sim2pi.bridge.sim;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Path;

/**
 * A plant that advances with a clock: the physical world behind a simulated robot. Whenever a
 * device looks at it, it first steps the plant once for every control period the clock has
 * passed, holding the last command (a zero-order hold, as a motor driver does), then senses once
 * per step so every device sees the same reading. With {@link Clock#system()} it runs in real
 * time; with a stepped clock a test decides when time passes. Not thread-safe; allocation-free
 * after construction.
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
        while (now - nextStepNanos >= 0) {
            plant.step(params, 0, state, 0, action, 0, rng);
            nextStepNanos += periodNanos;
            steps++;
            sensed = false;
        }
        if (!sensed) {
            plant.sense(params, 0, state, 0, rng, sensors, 0);
            sensed = true;
        }
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

    public double action(int index) {
        return action[index];
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
