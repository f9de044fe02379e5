package dev.sim2pi.controller.runtime;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Stage;
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
 * the loop swapped out.
 */
final class EventDrain implements AutoCloseable {

    private static final long WAKE_NANOS = 20_000_000L;

    private final ControlLoop loop;
    private final Watchdog watchdog;
    private final TelemetryPublisher publisher;
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;
    private long watchdogTripsSeen;
    private State lastState;
    private String lastPolicy = "";

    EventDrain(ControlLoop loop, Watchdog watchdog, TelemetryPublisher publisher) {
        this.loop = loop;
        this.watchdog = watchdog;
        this.publisher = publisher;
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
        PreparedPolicy retired = loop.mailbox().takeRetired();
        if (retired != null) {
            try {
                retired.runner().close();
            } catch (RuntimeException e) {
                System.err.println("sim2pi controller: closing the previous policy failed: " + e.getMessage());
            }
        }
        String policy = loop.policyId();
        if (publisher != null && !policy.equals(lastPolicy)) {
            publisher.policyId(policy);
            lastPolicy = policy;
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
