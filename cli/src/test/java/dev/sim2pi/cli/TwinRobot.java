package dev.sim2pi.cli;

import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.controller.command.CommandChannel;
import dev.sim2pi.controller.command.CommandRules;
import dev.sim2pi.controller.hardware.HardwareKind;
import dev.sim2pi.controller.hardware.Robots;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.rollout.RollbackConfig;
import dev.sim2pi.controller.rollout.RollbackGuard;
import dev.sim2pi.controller.runtime.Controller;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A whole controller ({@link Controller}: loop thread, watchdog, event thread, rollback guard) on
 * the balancer's reality twin, with its command channel and telemetry on a real broker. Time is a
 * {@link SteppedClock} and the loop runs only the periods the test grants, two at a time, with the
 * rollback guard polled after each pair: what it decides falls on the same period every run,
 * whatever the machine's load (the event thread polls too, and can only decide sooner).
 */
final class TwinRobot implements AutoCloseable {

    static final long PERIOD_NANOS = 10_000_000L;

    final String id;
    final SteppedClock clock = new SteppedClock();
    private final Semaphore permits = new Semaphore(0);
    final Robots.Opened opened;
    final Controller controller;
    final TelemetryPublisher publisher;
    final CommandChannel channel;

    TwinRobot(String id, String brokerUrl, PolicyBundle bundle, PublicKey operator, Path spool, long probationNanos) {
        this.id = id;
        RobotTask task = Tasks.byId(bundle.manifest().taskId());
        Wiring wiring = Robots.wiring(task, null);
        MqttSettings mqtt = MqttSettings.of(brokerUrl);
        publisher = TelemetryPublisher.start(PublisherConfig.defaults(id, mqtt, spool),
                Controller.frameLayout(task, task.controlRateHz()), "deploy-test");
        opened = Robots.open(HardwareKind.TWIN, wiring, null, clock, 5);
        Waiter paced = deadline -> {
            permits.acquireUninterruptibly();
            long now = clock.nanoTime();
            if (deadline > now) {
                clock.advanceNanos(deadline - now);
            }
        };
        controller = new Controller(opened.robot(), PreparedPolicy.open(bundle, true), task.controlRateHz(),
                SafetyConfig.defaults(0.01, 0.01), clock, paced, PERIOD_NANOS, publisher, true,
                RollbackConfig.defaults(task.controlRateHz()).withWindowNanos(probationNanos));
        channel = CommandChannel.start(mqtt, CommandRules.of(id, List.of(operator)).withExpectedTask(task),
                controller.commands());
        controller.rollbacks().acknowledgeWith(channel);
        controller.start(opened.loopOrigin(clock, PERIOD_NANOS));
    }

    boolean awaitReady() throws InterruptedException {
        return channel.awaitReady(30_000) && publisher.awaitConnected(30_000);
    }

    RollbackGuard guard() {
        return controller.rollbacks();
    }

    /** Runs {@code periods} more periods (rounded up to pairs), polling the guard after each pair. */
    void run(int periods) {
        for (int i = 0; i < periods; i += 2) {
            long target = controller.loop().iterations() + 2;
            permits.release(2);
            while (controller.loop().iterations() < target) {
                Thread.yield(); // the loop thread needs the core more than this one
            }
            guard().poll();
        }
    }

    /** Whether a swap is queued or a candidate is on probation: the loop must run for it to end. */
    boolean deciding() {
        return controller.loop().mailbox().swapPending() || guard().state().probation() != null;
    }

    /** Runs periods while {@code deployment} needs the robot to, until it is done. */
    void serve(Future<?> deployment) throws InterruptedException {
        while (!deployment.isDone()) {
            if (deciding()) {
                run(2);
            } else {
                Thread.sleep(2);
            }
        }
    }

    @Override
    public void close() {
        controller.loop().requestStop();
        permits.release(1_000);
        controller.stop(5_000);
        channel.close();
        publisher.close(1_000);
        opened.robot().close();
    }
}
