package dev.sim2pi.controller.runtime;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Stage;
import dev.sim2pi.controller.rollout.RollbackGuard;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.safety.Watchdog;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop's helper thread: forwards recorded events to telemetry's events topic (which
 * allocates, so never on the loop thread), follows the lifecycle on the status topic, stamps the
 * running policy's id, reports a watchdog trip even while the loop is stuck, and closes policies
 * the loop swapped out, or, with a {@link RollbackGuard}, lets it keep the previous one and judge
 * the candidate. Keeps the controller's part of the retained status ({@link StatusReport}) fresh.
 */
final class EventDrain implements AutoCloseable {

    private static final long WAKE_NANOS = 20_000_000L;
    /** How often the retained status is refreshed when nothing changed (counters, uptime). */
    private static final long STATUS_NANOS = 2_000_000_000L;

    private final ControlLoop loop;
    private final Watchdog watchdog;
    private final TelemetryPublisher publisher;
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;
    private long watchdogTripsSeen;
    private State lastState;
    private String lastPolicy = "";
    private final RollbackGuard guard;
    private final StatusReport report;
    private long nextStatusNanos;

    /** @param guard judges swaps and keeps the previous policy, or null to close swapped-out policies at once */
    EventDrain(ControlLoop loop, Watchdog watchdog, TelemetryPublisher publisher, RollbackGuard guard) {
        this.loop = loop;
        this.watchdog = watchdog;
        this.publisher = publisher;
        this.guard = guard;
        this.report = new StatusReport(loop, guard, System.currentTimeMillis());
        if (guard != null) {
            guard.notifyWith((kind, message) -> publish(kind, message, System.nanoTime()));
        }
        this.thread = new Thread(this::run, "sim2pi-loop-events");
        this.thread.setDaemon(true);
    }

    EventDrain start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            drainOnce();
            LockSupport.parkNanos(WAKE_NANOS);
        }
        drainOnce();
    }

    void drainOnce() {
        loop.events().drain(this::forward);
        if (watchdog != null && watchdog.trips() != watchdogTripsSeen) {
            watchdogTripsSeen = watchdog.trips();
            publish("watchdog_tripped", "the loop missed its watchdog: actuators made safe by the watchdog thread",
                    watchdog.trippedAtNanos());
        }
        if (guard != null) {
            guard.poll();
        } else {
            PreparedPolicy retired = loop.mailbox().takeRetired();
            if (retired != null) {
                try {
                    retired.runner().close();
                } catch (RuntimeException e) {
                    System.err.println("sim2pi controller: closing the previous policy failed: " + e.getMessage());
                }
            }
        }
        String policy = loop.policyId();
        boolean changed = false;
        if (publisher != null && !policy.equals(lastPolicy)) {
            publisher.policyId(policy);
            lastPolicy = policy;
            changed = true;
        }
        long now = System.nanoTime();
        if (publisher != null && (changed || now - nextStatusNanos >= 0)) {
            nextStatusNanos = now + STATUS_NANOS;
            publisher.controllerStatus(report.build());
        }
        State s = loop.safety().publishedState();
        if (publisher != null && s != lastState) {
            lastState = s;
            publisher.state(switch (s) {
                case IDLE -> Status.State.ONLINE;
                case ARMED, RUNNING -> Status.State.ARMED;
                case STOPPED -> Status.State.STOPPED;
                case FAULTED -> Status.State.ESTOPPED;
            });
        }
    }

    private void forward(EventKind kind, Stage stage, double value, long nanos) {
        if (kind.safety()) {
            report.safetyEvent(kind.label(), System.currentTimeMillis());
            nextStatusNanos = System.nanoTime(); // publish the status with it now
        }
        String message = String.format(Locale.ROOT, "%s%s value=%s", kind.label(),
                stage == null ? "" : " stage=" + stage.label(), value);
        publish(kind.label(), message, nanos);
    }

    private void publish(String kind, String message, long nanos) {
        if (publisher != null) {
            publisher.event(kind, message, sequence++, nanos);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
