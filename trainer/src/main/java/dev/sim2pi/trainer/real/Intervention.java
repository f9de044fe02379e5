package dev.sim2pi.trainer.real;

import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.util.List;

/**
 * Which recorded frames the policy did not control alone, and which ended an episode by a fall the
 * safety layer saw ({@value #TERMINATION}). A frame is under a safety intervention
 * when a safety flag other than {@value #RUNNING} and {@value #SENSOR_DROPOUT} is set (the safety
 * layer clamped, slew-limited, stopped or faulted), or when the command applied differs from the
 * policy's output. A frame is idle (the loop was not driving the actuators) when the layout names a
 * {@value #RUNNING} flag and it is clear.
 */
final class Intervention {

    /** Set while the loop drives the actuators (the controller's lifecycle bit). */
    static final String RUNNING = "running";
    /** The controller's safety layer saw the task's termination (a fall) and stopped the robot. */
    static final String TERMINATION = "termination";
    /** A held reading: the policy still chose the command. */
    static final String SENSOR_DROPOUT = "sensor_dropout";
    /** Command and policy output further apart than float rounding count as changed. */
    static final float COMMAND_TOLERANCE = 1e-6f;

    private final int interventionMask;
    private final int runningBit;
    private final int terminationBit;

    Intervention(FrameLayout layout) {
        List<String> names = layout.safetyFlagNames();
        int mask = 0;
        int running = 0;
        int termination = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(TERMINATION)) {
                termination = 1 << i;
            }
            if (names.get(i).equals(RUNNING)) {
                running = 1 << i;
            } else if (!names.get(i).equals(SENSOR_DROPOUT)) {
                mask |= 1 << i;
            }
        }
        this.interventionMask = mask;
        this.runningBit = running;
        this.terminationBit = termination;
    }

    /**
     * Whether the safety layer stopped the robot in this frame because the task terminated (it
     * fell): the transition into it ends its episode, although the loop no longer drives from it.
     */
    boolean terminated(Frame f) {
        return terminationBit != 0 && (f.getSafetyFlags() & terminationBit) != 0;
    }

    boolean idle(Frame f) {
        return runningBit != 0 && (f.getSafetyFlags() & runningBit) == 0;
    }

    boolean intervened(Frame f) {
        if ((f.getSafetyFlags() & interventionMask) != 0) {
            return true;
        }
        if (f.getPolicyOutputCount() != f.getCommandCount()) {
            return true;
        }
        for (int i = 0; i < f.getCommandCount(); i++) {
            if (!(Math.abs(f.getCommand(i) - f.getPolicyOutput(i)) <= COMMAND_TOLERANCE)) {
                return true;
            }
        }
        return false;
    }
}
