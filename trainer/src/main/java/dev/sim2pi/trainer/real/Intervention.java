package dev.sim2pi.trainer.real;

import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.util.List;

/**
 * Which recorded frames the policy did not control alone. A frame is under a safety intervention
 * when a safety flag other than {@value #RUNNING} and {@value #SENSOR_DROPOUT} is set (the safety
 * layer clamped, slew-limited, stopped or faulted), or when the command applied differs from the
 * policy's output. A frame is idle (the loop was not driving the actuators) when the layout names a
 * {@value #RUNNING} flag and it is clear.
 */
final class Intervention {

    /** Set while the loop drives the actuators (the controller's lifecycle bit). */
    static final String RUNNING = "running";
    /** A held reading: the policy still chose the command. */
    static final String SENSOR_DROPOUT = "sensor_dropout";
    /** Command and policy output further apart than float rounding count as changed. */
    static final float COMMAND_TOLERANCE = 1e-6f;

    private final int interventionMask;
    private final int runningBit;

    Intervention(FrameLayout layout) {
        List<String> names = layout.safetyFlagNames();
        int mask = 0;
        int running = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(RUNNING)) {
                running = 1 << i;
            } else if (!names.get(i).equals(SENSOR_DROPOUT)) {
                mask |= 1 << i;
            }
        }
        this.interventionMask = mask;
        this.runningBit = running;
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
