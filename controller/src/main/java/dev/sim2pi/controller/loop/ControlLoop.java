package dev.sim2pi.controller.loop;

import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.controller.safety.SafetyEvents;
import dev.sim2pi.controller.safety.SafetySupervisor;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.safety.Watchdog;
import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.publish.TelemetryFrame;

/**
 * The fixed-rate control loop. Each period, on a grid from the injected clock: take requests
 * from the {@link Mailbox} (arm, stop, e-stop, reset, operator inputs, a prepared policy to swap
 * in), read the sensors, build the observation with the task's {@link ObservationBuilder} (the
 * simulator's pipeline), run the policy, pass it through the {@link SafetySupervisor}, write the
 * actuators, hand the frame to telemetry and feed the watchdog. Each stage and the start jitter
 * go into preallocated histograms. An overrun is counted and the next period starts on the grid.
 *
 * <p>After construction an iteration allocates nothing, logs nothing, takes no lock and does no
 * blocking I/O beyond the devices' own reads and writes. Exceptions from devices and the policy
 * become safety conditions; whatever ends the loop leaves the actuators safe.
 */
public final class ControlLoop {

    private final RobotHardware robot;
    private final RobotTask task;
    private final SafetySupervisor safety;
    private final SafetyEvents events;
    private final Watchdog watchdog;
    private final Clock clock;
    private final Waiter waiter;
    private final long periodNanos;
    private final TelemetryFrame frame;
    private final Mailbox mailbox;
    private final LoopTimings timings = new LoopTimings();
    private final OverrunLog overrunLog = new OverrunLog();
    private final long[] stageNanos = new long[Stage.values().length];
    private final ObservationBuilder observations;
    private final double[] sensors;
    private final double[] lastGood;
    private final float[] observation;
    private final float[] policyOutput;
    private final double[] command;
    private final double[] applied;
    private final double[] safeCommand;
    private final int obsSize;
    private PreparedPolicy policy;
    private final PeriodGrid grid;
    private boolean started;
    private volatile boolean stopRequested;
    private volatile boolean resetTimings;
    private volatile long iterations;
    private volatile long overruns;
    private volatile long skipped;
    private volatile String policyId;

    /**
     * @param watchdog fed every period; null to run without one (tests of the loop alone)
     * @param frame    telemetry frame writer, or null for no telemetry
     */
    public ControlLoop(RobotHardware robot, PreparedPolicy policy, SafetySupervisor safety, SafetyEvents events,
                       Watchdog watchdog, Clock clock, Waiter waiter, long periodNanos, TelemetryFrame frame) {
        this.robot = robot;
        this.task = robot.task();
        this.safety = safety;
        this.events = events;
        this.watchdog = watchdog;
        this.clock = clock;
        this.waiter = waiter;
        this.periodNanos = periodNanos;
        this.frame = frame;
        this.policy = policy;
        this.policyId = policy.id();
        int n = task.sensors().size();
        int m = task.actions().size();
        this.obsSize = task.observationSize();
        if (policy.runner().observationSize() != obsSize || policy.runner().actionSize() != m) {
            throw new IllegalArgumentException("policy " + policy.id() + " maps " + policy.runner().observationSize()
                    + " -> " + policy.runner().actionSize() + " values; task " + task.id() + " needs " + obsSize + " -> " + m);
        }
        this.mailbox = new Mailbox(n);
        this.observations = new ObservationBuilder(task, 1);
        this.sensors = new double[n];
        this.lastGood = new double[n];
        this.observation = new float[obsSize];
        this.policyOutput = new float[m];
        this.command = new double[m];
        this.applied = new double[m];
        this.safeCommand = new double[m];
        java.util.Arrays.fill(safeCommand, Double.NaN);
        this.grid = new PeriodGrid(0, periodNanos);
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public RobotTask task() {
        return task;
    }

    /** Index of operator channel {@code name}; IllegalArgumentException unless the wiring makes it one. */
    public int operatorChannel(String name) {
        return robot.operatorChannel(name);
    }

    public long periodNanos() {
        return periodNanos;
    }

    public SafetySupervisor safety() {
        return safety;
    }

    public SafetyEvents events() {
        return events;
    }

    /** Where each overrunning period's time went; read it once the loop has stopped. */
    public OverrunLog overrunLog() {
        return overrunLog;
    }

    /** Stage and jitter histograms; read them once the loop has stopped. */
    public LoopTimings timings() {
        return timings;
    }

    public long iterations() {
        return iterations;
    }

    public long overruns() {
        return overruns;
    }

    /** Grid points skipped by overruns. */
    public long skippedPeriods() {
        return skipped;
    }

    /** Id of the policy now running. */
    public String policyId() {
        return policyId;
    }

    /** Scheduled start of the next period (where a later {@link #run(long, long)} continues the grid). */
    public long nextStartNanos() {
        return grid.next();
    }

    /** Asks the loop to end after the current period (actuators left safe). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Clears the histograms from the next period on (after a warm-up). */
    public void resetTimings() {
        resetTimings = true;
    }

    /**
     * Runs at most {@code maxIterations} periods on the grid {@code originNanos + k * period},
     * or until {@link #requestStop()}. A later call continues where this one ended (tests step
     * the loop this way); the caller that ends the loop for good calls {@link #applySafe()}.
     */
    public void run(long originNanos, long maxIterations) {
        grid.restart(originNanos);
        overrunLog.origin(originNanos);
        for (long k = 0; k < maxIterations && !stopRequested; k++) {
            long scheduled = grid.next();
            waiter.awaitNanos(scheduled);
            long start = clock.nanoTime();
            long cpuStart = ThreadCpu.nanos();
            iterate(start, start - scheduled);
            long end = clock.nanoTime();
            long overrunsBefore = grid.overruns();
            grid.advance(end);
            if (grid.overruns() != overrunsBefore) {
                long woke = waiter.wokeNanos();
                overrunLog.record(scheduled, start, end, scheduled + periodNanos,
                        woke == Long.MIN_VALUE ? 0 : woke - scheduled, stageNanos,
                        cpuStart < 0 ? -1 : ThreadCpu.nanos() - cpuStart);
            }
            iterations = iterations + 1;
            overruns = grid.overruns();
            skipped = grid.skippedPeriods();
        }
    }

    /** Commands every actuator to its safe state through the normal write path (NaN: coast, relax). */
    public void applySafe() {
        robot.apply(safeCommand, 0);
    }

    private void iterate(long start, long lateNanos) {
        if (resetTimings) {
            resetTimings = false;
            timings.reset();
            overrunLog.reset();
        }
        timings.startJitter(lateNanos);
        safety.beginPeriod();
        takeRequests(start);
        long t0 = clock.nanoTime();

        boolean readOk = true;
        try {
            robot.read(sensors, 0);
            for (int i = 0; i < sensors.length; i++) {
                if (!Double.isFinite(sensors[i])) {
                    readOk = false;
                }
            }
        } catch (RuntimeException e) {
            readOk = false;
        }
        if (readOk) {
            System.arraycopy(sensors, 0, lastGood, 0, sensors.length);
        } else {
            // Hold the last good reading: a dropout must not poison the observation history.
            System.arraycopy(lastGood, 0, sensors, 0, sensors.length);
        }
        long t1 = clock.nanoTime();

        if (started) {
            observations.push(0, sensors, 0, applied, 0);
        } else {
            observations.reset(0, sensors, 0);
            started = true;
        }
        observations.write(0, observation, 0);
        long t2 = clock.nanoTime();

        boolean inferOk = true;
        try {
            policy.runner().act(observation, 0, policyOutput, 0);
        } catch (RuntimeException e) {
            inferOk = false;
        }
        long t3 = clock.nanoTime();

        int flags = safety.check(t3, readOk, sensors, observation, obsSize, policyOutput, inferOk, command);
        if (watchdog != null && watchdog.tripped()) {
            // Tripped while this period was stuck: its command is stale, and the actuators stay safe.
            safety.raise(EventKind.WATCHDOG, Stage.SAFETY, 0, t3);
            System.arraycopy(safeCommand, 0, command, 0, command.length);
            flags |= EventKind.WATCHDOG.bit() | EventKind.FAULTED_BIT;
        }
        long t4 = clock.nanoTime();

        try {
            robot.apply(command, 0);
        } catch (RuntimeException e) {
            safety.raise(EventKind.ACTUATOR_FAILED, Stage.WRITE, 0, t4);
            flags |= EventKind.ACTUATOR_FAILED.bit();
            applySafeQuietly();
        }
        for (int i = 0; i < command.length; i++) {
            double c = command[i];
            applied[i] = c == c ? c : 0;
        }
        long t5 = clock.nanoTime();

        if (frame != null && frame.begin(start)) {
            frame.sensors(sensors, 0).observation(observation, 0).policyOutput(policyOutput, 0).command(applied, 0)
                    .safetyFlags(flags).startLatenessNanos(lateNanos)
                    .stageNanos(0, t1 - t0).stageNanos(1, t2 - t1).stageNanos(2, t3 - t2).stageNanos(3, t4 - t3)
                    .stageNanos(4, t5 - t4).commit();
        }
        long t6 = clock.nanoTime();
        if (watchdog != null) {
            watchdog.feed(t6);
        }
        stageNanos[0] = t1 - t0;
        stageNanos[1] = t2 - t1;
        stageNanos[2] = t3 - t2;
        stageNanos[3] = t4 - t3;
        stageNanos[4] = t5 - t4;
        stageNanos[5] = t6 - t5;
        timings.stages(stageNanos);
        timings.iteration(t6 - start);
    }

    private void applySafeQuietly() {
        try {
            robot.apply(safeCommand, 0);
        } catch (RuntimeException ignored) {
            // The watchdog and the shutdown path try again; nothing more the loop can do now.
        }
    }

    /** Applies what other threads asked for; the order puts the safest request first. */
    private void takeRequests(long nanos) {
        if (watchdog != null && watchdog.tripped()) {
            safety.raise(EventKind.WATCHDOG, null, 0, nanos);
        }
        int r = mailbox.takeRequests();
        if (r != 0) {
            if ((r & Mailbox.EMERGENCY_STOP) != 0) {
                safety.emergencyStop(nanos);
            }
            if ((r & Mailbox.STOP) != 0) {
                safety.stop(nanos);
            }
            if ((r & Mailbox.RESET) != 0 && (r & (Mailbox.EMERGENCY_STOP | Mailbox.STOP)) == 0) {
                if (watchdog != null) {
                    watchdog.clear();
                }
                safety.reset(nanos);
            }
            if ((r & Mailbox.ARM) != 0 && (r & (Mailbox.EMERGENCY_STOP | Mailbox.STOP)) == 0
                    && safety.state() != State.FAULTED) {
                robot.enable();
            }
            if ((r & Mailbox.ARM) != 0 && (r & (Mailbox.EMERGENCY_STOP | Mailbox.STOP)) == 0) {
                safety.arm(nanos);
            }
        }
        long dirty = mailbox.takeOperatorDirty();
        while (dirty != 0) {
            int ch = Long.numberOfTrailingZeros(dirty);
            dirty &= dirty - 1;
            robot.setOperator(ch, mailbox.operator(ch));
        }
        PreparedPolicy next = mailbox.pendingPolicy.get() == null ? null : mailbox.pendingPolicy.getAndSet(null);
        if (next != null) {
            mailbox.retiredPolicy.set(policy);
            policy = next;
            policyId = next.id();
            events.record(EventKind.POLICY_SWAPPED, null, 0, nanos);
        }
    }
}
