package dev.sim2pi.cli;

import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.controller.command.CommandChannel;
import dev.sim2pi.controller.command.CommandRules;
import dev.sim2pi.controller.hardware.HardwareKind;
import dev.sim2pi.controller.hardware.Robots;
import dev.sim2pi.controller.hardware.ScoredSimulation;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.runtime.Controller;
import dev.sim2pi.controller.runtime.LoopSummary;
import dev.sim2pi.controller.runtime.LoopWarmup;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.trainer.report.LoopRecord;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One controller session of the demo, in this process, with {@code controller run --hardware twin}
 * semantics: the bundle's runner warmed up on a stepped-clock simulation, then the fixed-rate loop
 * against the reality twin in real time, its safety supervisor and watchdog, telemetry through the
 * broker as the robot's own user, and the command channel trusting the demo's key (a deployment
 * arrives through it). Closing it, at any point, leaves the actuators safe.
 */
final class TwinSession implements AutoCloseable {

    /** Spin before each period as {@code controller run} does by default (1 ms). */
    private static final long SPIN_NANOS = 1_000_000L;
    /** Upper edges of the start-jitter histogram bins, in microseconds (the last bin takes the rest). */
    private static final long[] JITTER_EDGES_US = {2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

    private final RobotTask task;
    private final double rateHz;
    private final PolicyBundle bundle;
    private final TelemetryPublisher publisher;
    private final Robots.Opened opened;
    private final Controller controller;
    private final CommandChannel commands;
    private final Thread hook;
    private final long startedNanos;
    private boolean closed;

    private TwinSession(RobotTask task, double rateHz, PolicyBundle bundle, TelemetryPublisher publisher,
                        Robots.Opened opened, Controller controller, CommandChannel commands, Thread hook) {
        this.task = task;
        this.rateHz = rateHz;
        this.bundle = bundle;
        this.publisher = publisher;
        this.opened = opened;
        this.controller = controller;
        this.commands = commands;
        this.hook = hook;
        this.startedNanos = System.nanoTime();
    }

    /**
     * Starts a session, armed: the policy drives the twin from the first periods.
     *
     * @param twinParams null for the task's shipped example twin
     */
    static TwinSession start(PolicyBundle bundle, Path twinParams, long seed, DemoBroker broker, Path spool,
                             List<PublicKey> trusted, int warmupPeriods, String robot, String sessionId) {
        RobotTask task = Tasks.byId(bundle.manifest().taskId());
        double rateHz = bundle.manifest().controlRateHz();
        long periodNanos = Math.round(1e9 / rateHz);
        Wiring wiring = Robots.wiring(task, null);
        Clock clock = Clock.system();
        PreparedPolicy policy = PreparedPolicy.open(bundle, false);
        TelemetryPublisher publisher = null;
        Robots.Opened opened = null;
        CommandChannel commands = null;
        Controller started = null;
        try {
            SafetyConfig safety = SafetyConfig.defaults(1 / rateHz, task.controlPeriodSeconds());
            LoopWarmup.run(wiring, policy, periodNanos, warmupPeriods, safety);
            publisher = TelemetryPublisher.start(PublisherConfig.defaults(robot, broker.robot(), spool),
                    Controller.frameLayout(task, rateHz), sessionId, policy.id());
            // Opened last: a simulated robot starts falling in real time the moment it exists.
            opened = Robots.open(HardwareKind.TWIN, wiring, twinParams, clock, seed);
            Controller controller = new Controller(opened.robot(), policy, rateHz, safety, clock,
                    Waiter.parkThenSpin(clock, SPIN_NANOS), periodNanos, publisher, false);
            started = controller;
            Thread hook = controller.installShutdownHook(null);
            controller.start(opened.loopOrigin(clock, periodNanos));
            controller.commands().arm();
            // After the arm: the twin falls in real time from the moment it exists, and connecting takes a while.
            commands = CommandChannel.start(broker.robot(), CommandRules.of(robot, trusted).withExpectedTask(task),
                    controller.commands());
            return new TwinSession(task, rateHz, bundle, publisher, opened, controller, commands, hook);
        } catch (RuntimeException e) {
            if (started != null) {
                started.stop(1000);
            }
            if (commands != null) {
                commands.close();
            }
            if (publisher != null) {
                publisher.close(1000);
            }
            if (opened != null) {
                opened.robot().close();
            }
            policy.runner().close();
            throw e;
        }
    }

    Controller controller() {
        return controller;
    }

    ScoredSimulation simulation() {
        return opened.simulation();
    }

    double seconds() {
        return (System.nanoTime() - startedNanos) * 1e-9;
    }

    /** Waits until the session has run {@code seconds} (or the loop ended), printing a line every few seconds. */
    void runFor(double seconds, DemoConsole console) throws InterruptedException {
        long end = startedNanos + (long) (seconds * 1e9);
        long nextLine = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end && controller.loopThread().isAlive()) {
            if (System.nanoTime() >= nextLine) {
                nextLine += 5_000_000_000L;
                var loop = controller.loop();
                console.detail(String.format(java.util.Locale.ROOT,
                        "t=%4.0fs iterations=%d overruns=%d state=%s return=%.1f falls=%d frames=%d", seconds(),
                        loop.iterations(), loop.overruns(),
                        loop.safety().publishedState().name().toLowerCase(java.util.Locale.ROOT),
                        simulation().episodeReturn(), simulation().falls(), publisher.stats().framesEnqueued()));
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * Stops the loop (actuators safe), drains telemetry, waits for the recorder to store what was
     * sent and returns the session's record. {@code recordedBefore} is the recorder's count when
     * the session started (it records every session).
     */
    LoopRecord finish(String label, String bundleName, DemoBroker broker, long recordedBefore)
            throws InterruptedException {
        double ran = seconds();
        controller.stop(1000);
        LoopSummary s = controller.summary();
        Histogram jitter = controller.loop().timings().startJitter().copy();
        commands.close();
        publisher.close(5000);
        long sent = publisher.stats().framesEnqueued();
        long recorded = broker.awaitRecorded(recordedBefore + sent, 30_000) - recordedBefore;
        LoopRecord record = new LoopRecord(label, bundleName, rateHz, ran, s.iterations(), s.overruns(),
                s.skippedPeriods(), s.p50JitterMicros(), s.p99JitterMicros(), s.p999JitterMicros(), s.maxJitterMicros(),
                bins(jitter), s.stageP99Micros(), s.eventCounts(), s.state(), s.faultCause(), s.watchdogTrips(),
                simulation().episodeReturn(), simulation().falls(), sent, recorded);
        close();
        return record;
    }

    /** Every recorded start lateness in exactly one bin; the last bin (above the edges) ends at the maximum. */
    private static List<LoopRecord.Bin> bins(Histogram h) {
        long[] counts = new long[JITTER_EDGES_US.length + 1];
        for (HistogramIterationValue v : h.recordedValues()) {
            long nanos = h.highestEquivalentValue(v.getValueIteratedTo());
            int i = 0;
            while (i < JITTER_EDGES_US.length && nanos > JITTER_EDGES_US[i] * 1000) {
                i++;
            }
            counts[i] += v.getCountAtValueIteratedTo();
        }
        List<LoopRecord.Bin> bins = new ArrayList<>();
        for (int i = 0; i < JITTER_EDGES_US.length; i++) {
            bins.add(new LoopRecord.Bin(JITTER_EDGES_US[i], counts[i]));
        }
        if (counts[JITTER_EDGES_US.length] > 0) {
            bins.add(new LoopRecord.Bin(Math.ceil(h.getMaxValue() / 1000.0), counts[JITTER_EDGES_US.length]));
        }
        return bins;
    }

    String bundleSource() {
        return bundle.source();
    }

    RobotTask task() {
        return task;
    }

    /** Stops everything this session started; the actuators end safe. Safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        controller.stop(1000);
        commands.close();
        publisher.close(2000);
        opened.robot().close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already and stops the loop itself.
        }
    }
}
