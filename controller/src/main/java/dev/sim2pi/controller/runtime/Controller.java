package dev.sim2pi.controller.runtime;

import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.controller.command.CommandSink;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Stage;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.rollout.GuardedCommands;
import dev.sim2pi.controller.rollout.ReturnProxy;
import dev.sim2pi.controller.rollout.RollbackConfig;
import dev.sim2pi.controller.rollout.RollbackGuard;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.controller.safety.SafetyEvents;
import dev.sim2pi.controller.safety.SafetySupervisor;
import dev.sim2pi.controller.safety.TerminationChecks;
import dev.sim2pi.controller.safety.Watchdog;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.wire.FrameLayout;

/**
 * One robot's controller, assembled: the loop on a thread of its own, its watchdog, the thread
 * that forwards events, and the commands the command channel calls. Whatever ends it (stop, an
 * exception that escapes the loop, JVM shutdown through {@link #installShutdownHook}) leaves
 * every actuator in its safe state.
 */
public final class Controller implements AutoCloseable {

    private final RobotHardware robot;
    private final ControlLoop loop;
    private final Watchdog watchdog;
    private final EventDrain drain;
    private final CommandSink commands;
    private final RollbackGuard guard;
    private final Thread loopThread;
    private volatile Throwable loopFailure;
    private boolean started;
    private boolean stopped;

    /**
     * @param policyRateHz control rate {@code policy} was trained at (bundles swapped in must match it)
     * @param publisher    telemetry, or null to run without
     * @param javaRunner   whether bundles swapped in later use the plain-Java runner
     */
    public Controller(RobotHardware robot, PreparedPolicy policy, double policyRateHz, SafetyConfig config, Clock clock,
                      Waiter waiter, long periodNanos, TelemetryPublisher publisher, boolean javaRunner) {
        this(robot, policy, policyRateHz, config, clock, waiter, periodNanos, publisher, javaRunner, null);
    }

    /**
     * @param rollback anti-rollback and automatic rollback of swapped-in bundles ({@link RollbackGuard}), or
     *                 null to swap whatever fits and close the previous policy at once
     */
    public Controller(RobotHardware robot, PreparedPolicy policy, double policyRateHz, SafetyConfig config, Clock clock,
                      Waiter waiter, long periodNanos, TelemetryPublisher publisher, boolean javaRunner,
                      RollbackConfig rollback) {
        this.robot = robot;
        SafetyEvents events = new SafetyEvents(4096);
        SafetySupervisor safety = new SafetySupervisor(robot.task(), config,
                TerminationChecks.forTask(robot.task(), periodNanos * 1e-9), events);
        this.watchdog = new Watchdog(clock, periodNanos, config.watchdogPeriods(), robot::safe);
        this.loop = new ControlLoop(robot, policy, safety, events, watchdog, clock, waiter, periodNanos,
                publisher == null ? null : publisher.frame());
        ControllerCommands direct = new ControllerCommands(loop, policyRateHz, javaRunner);
        if (rollback != null) {
            ReturnProxy proxy = new ReturnProxy(robot.task());
            loop.observe(proxy);
            this.guard = new RollbackGuard(loop, proxy, policy, rollback, clock);
            this.commands = new GuardedCommands(direct, guard);
        } else {
            this.guard = null;
            this.commands = direct;
        }
        this.drain = new EventDrain(loop, watchdog, publisher, guard);
        this.loopThread = new Thread(this::runLoop, "sim2pi-control-loop");
        loopThread.setPriority(Thread.MAX_PRIORITY);
        loopThread.setUncaughtExceptionHandler((t, e) -> {
            loopFailure = e;
            makeSafe();
        });
    }

    /** The telemetry frame layout of {@code task} with this loop's stages and safety flags. */
    public static FrameLayout frameLayout(dev.sim2pi.models.task.RobotTask task, double rateHz) {
        return new FrameLayout(task.id(), task.version(), rateHz, task.sensors(), task.observationLayout(),
                task.actions(), Stage.frameStageNames(), EventKind.flagNames());
    }

    private volatile long originNanos;

    private void runLoop() {
        try {
            loop.primeThread();
            loop.run(originNanos, Long.MAX_VALUE);
            loop.applySafe();
        } catch (Throwable t) {
            loopFailure = t;
            makeSafe();
            throw t;
        }
    }

    /**
     * Starts the loop on the grid {@code originNanos + k * period} (idle: nothing moves until an
     * arm), its watchdog and event threads.
     */
    public synchronized Controller start(long originNanos) {
        if (!started) {
            started = true;
            this.originNanos = originNanos;
            loopThread.start();
            watchdog.start();
            drain.start();
        }
        return this;
    }

    /** What the command channel calls. */
    public CommandSink commands() {
        return commands;
    }

    /** The release history and rollback judge, or null when built without one. */
    public RollbackGuard rollbacks() {
        return guard;
    }

    public ControlLoop loop() {
        return loop;
    }

    public Watchdog watchdog() {
        return watchdog;
    }

    public Thread loopThread() {
        return loopThread;
    }

    /** What escaped the loop thread, if anything did. */
    public Throwable loopFailure() {
        return loopFailure;
    }

    /** Puts every actuator in its safe state from the calling thread; never throws. */
    public void makeSafe() {
        try {
            robot.safe();
        } catch (RuntimeException e) {
            System.err.println("sim2pi controller: making the actuators safe failed: " + e.getMessage());
        }
    }

    /**
     * Stops the loop at the end of its period and waits up to {@code timeoutMillis} for it; the
     * actuators are made safe from this thread too, so they are safe even if the loop is stuck.
     */
    public synchronized void stop(long timeoutMillis) {
        if (stopped) {
            return;
        }
        stopped = true;
        loop.requestStop();
        try {
            loopThread.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.close();
        drain.close();
        if (guard != null) {
            guard.close();
        }
        makeSafe();
    }

    /** The run so far; complete once stopped. */
    public LoopSummary summary() {
        return LoopSummary.of(loop, watchdog.trips());
    }

    /**
     * Makes the actuators safe when the JVM exits (end of main, SIGTERM, SIGINT, an uncaught
     * exception that ends it): stops the loop, waits for it at most two periods, makes safe,
     * then runs {@code after} (printing the summary). Returns the hook so a normal exit can remove it.
     */
    public Thread installShutdownHook(Runnable after) {
        long waitMillis = Math.max(1, 2 * loop.periodNanos() / 1_000_000);
        Thread hook = new Thread(() -> {
            stop(waitMillis);
            if (after != null) {
                after.run();
            }
        }, "sim2pi-controller-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    @Override
    public void close() {
        stop(1000);
    }
}
