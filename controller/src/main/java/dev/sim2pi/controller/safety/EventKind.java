package dev.sim2pi.controller.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened: safety conditions (each with a bit in a telemetry frame's safety flags) and the
 * lifecycle changes the loop goes through. A safety condition is one event when it begins, not
 * one per period it lasts.
 */
public enum EventKind {
    /** A command was outside its channel's limits and was clamped. */
    ACTION_CLAMPED(true, false),
    /** A command changed faster than the slew limit allows and was limited. */
    SLEW_LIMITED(true, false),
    /** This period's reading failed, was not finite or did not change (held from the last good one). */
    SENSOR_DROPOUT(true, false),
    /** Readings failed for too many periods in a row: safe stop. */
    SENSOR_STALE(true, true),
    NON_FINITE_OBSERVATION(true, true),
    NON_FINITE_ACTION(true, true),
    /** The policy runner threw. */
    INFERENCE_FAILED(true, true),
    /** The task's termination as seen from the sensors (the balancer's estimated tilt). */
    TERMINATION(true, true),
    /** Writing the actuators threw. */
    ACTUATOR_FAILED(true, true),
    /** The loop missed its watchdog: the watchdog thread made the actuators safe. */
    WATCHDOG(true, true),
    EMERGENCY_STOP(true, true),
    ARMED(false, false),
    STOPPED(false, false),
    RESET(false, false),
    POLICY_SWAPPED(false, false),
    /** A request the current state does not allow (arm while faulted). */
    REQUEST_REFUSED(false, false);

    private final boolean safety;
    private final boolean stops;

    EventKind(boolean safety, boolean stops) {
        this.safety = safety;
        this.stops = stops;
    }

    /** Whether this is a safety event (counted in {@code safety_events}) rather than a lifecycle one. */
    public boolean safety() {
        return safety;
    }

    /** Whether it stops the robot (running or armed to faulted). */
    public boolean stops() {
        return stops;
    }

    /** This kind's bit in a frame's safety flags (safety kinds only). */
    public int bit() {
        return 1 << ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Frame safety-flag names: the safety kinds in bit order, then the lifecycle bits. */
    public static List<String> flagNames() {
        List<String> names = new ArrayList<>();
        for (EventKind k : values()) {
            if (k.safety) {
                names.add(k.label());
            }
        }
        names.add("running");
        names.add("faulted");
        return names;
    }

    /** Frame bit set while the loop drives the actuators. */
    public static final int RUNNING_BIT = 1 << 11;
    /** Frame bit set while the loop is faulted. */
    public static final int FAULTED_BIT = 1 << 12;
}
