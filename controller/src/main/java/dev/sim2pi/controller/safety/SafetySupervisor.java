package dev.sim2pi.controller.safety;

import dev.sim2pi.controller.loop.Stage;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;

/**
 * Judges every period before anything reaches an actuator, and owns the lifecycle
 * ({@link State}). While running, the policy's command is clamped to the action layout's limits
 * and slew-limited; in every other state the command is NaN (motors coast, servos relax). Safe
 * stops (running or armed to faulted): a reading that failed, did not change or was not finite
 * for {@link SafetyConfig#stalePeriods()} periods in a row; a non-finite observation or action; a
 * policy that threw; the task's termination as seen from the sensors; a failed write; the
 * watchdog; an emergency stop. A condition is one event when it begins. Loop thread only;
 * allocation-free.
 */
public final class SafetySupervisor {

    private final SafetyConfig config;
    private final SafetyEvents events;
    private final TerminationCheck termination;
    private final double[] low;
    private final double[] high;
    private final double[] maxStep;
    private final double[] last;
    private final int[] imuChannels;
    private final double[] lastFresh;
    private State state = State.IDLE;
    private volatile State published = State.IDLE;
    private EventKind faultCause;
    private int stale;
    private int current;
    private int previous;
    private boolean haveFresh;

    public SafetySupervisor(RobotTask task, SafetyConfig config, TerminationCheck termination, SafetyEvents events) {
        this.config = config;
        this.events = events;
        this.termination = config.terminationCheck() ? termination : TerminationCheck.NONE;
        Layout actions = task.actions();
        int m = actions.size();
        low = actions.lows();
        high = actions.highs();
        maxStep = new double[m];
        last = new double[m];
        for (int i = 0; i < m; i++) {
            double span = high[i] - low[i];
            maxStep[i] = Double.isFinite(span) ? config.slewFractionPerPeriod() * span : Double.POSITIVE_INFINITY;
        }
        lastFresh = new double[task.sensors().size()];
        imuChannels = imuChannels(task.sensors());
    }

    /** Inertial channels: a real IMU's noise never repeats all of them bit for bit, a frozen one does. */
    private static int[] imuChannels(Layout sensors) {
        return java.util.stream.IntStream.range(0, sensors.size())
                .filter(i -> sensors.get(i).name().startsWith("gyro_") || sensors.get(i).name().startsWith("accel_"))
                .toArray();
    }

    public State state() {
        return state;
    }

    /** The state as last published by the loop thread, for other threads. */
    public State publishedState() {
        return published;
    }

    /** What faulted the robot (null unless faulted). */
    public EventKind faultCause() {
        return faultCause;
    }

    public SafetyConfig config() {
        return config;
    }

    /** Starts a period: conditions raised from now on belong to it. */
    public void beginPeriod() {
        previous = current;
        current = 0;
    }

    /** Raises condition {@code kind}: an event if it was not raised last period; a safe stop if it stops. */
    public void raise(EventKind kind, Stage stage, double value, long nanos) {
        int bit = kind.bit();
        if ((previous & bit) == 0 && (current & bit) == 0) {
            events.record(kind, stage, value, nanos);
        }
        current |= bit;
        if (kind.stops() && (state == State.ARMED || state == State.RUNNING || kind == EventKind.EMERGENCY_STOP)) {
            if (state != State.FAULTED) {
                faultCause = kind;
            }
            setState(State.FAULTED);
        }
    }

    private void setState(State s) {
        state = s;
        published = s;
    }

    /** Arms from idle or stopped; refused (and recorded) while faulted. Returns whether it is armed now. */
    public boolean arm(long nanos) {
        if (state == State.IDLE || state == State.STOPPED) {
            setState(State.ARMED);
            events.record(EventKind.ARMED, null, 0, nanos);
            return true;
        }
        if (state == State.FAULTED) {
            events.record(EventKind.REQUEST_REFUSED, null, EventKind.ARMED.ordinal(), nanos);
            return false;
        }
        return true;
    }

    /** Stops unless faulted (a faulted robot is already safe and stays latched). */
    public void stop(long nanos) {
        if (state != State.FAULTED && state != State.STOPPED && state != State.IDLE) {
            setState(State.STOPPED);
            events.record(EventKind.STOPPED, null, 0, nanos);
        }
    }

    public void emergencyStop(long nanos) {
        raise(EventKind.EMERGENCY_STOP, null, 0, nanos);
    }

    /** Clears a fault or a stop back to idle; the sensor checks start afresh. */
    public void reset(long nanos) {
        if (state == State.FAULTED || state == State.STOPPED) {
            setState(State.IDLE);
            faultCause = null;
            stale = 0;
            haveFresh = false;
            termination.reset();
            events.record(EventKind.RESET, null, 0, nanos);
        }
    }

    /**
     * Judges one period and writes the command to apply (NaN where the actuator must be safe).
     *
     * @param readOk  whether the sensors answered with finite values this period
     * @param inferOk whether the policy ran without throwing
     * @return the frame's safety flags
     */
    public int check(long nanos, boolean readOk, double[] sensors, float[] observation, int obsSize,
                     float[] action, boolean inferOk, double[] command) {
        boolean fresh = readOk && !frozen(sensors);
        if (fresh) {
            stale = 0;
        } else {
            stale++;
            raise(EventKind.SENSOR_DROPOUT, Stage.READ, stale, nanos);
            if (stale >= config.stalePeriods()) {
                raise(EventKind.SENSOR_STALE, Stage.READ, stale, nanos);
            }
        }
        for (int i = 0; i < obsSize; i++) {
            if (!Float.isFinite(observation[i])) {
                raise(EventKind.NON_FINITE_OBSERVATION, Stage.OBSERVE, i, nanos);
                break;
            }
        }
        if (!inferOk) {
            raise(EventKind.INFERENCE_FAILED, Stage.INFER, 0, nanos);
        } else {
            for (int i = 0; i < last.length; i++) {
                if (!Float.isFinite(action[i])) {
                    raise(EventKind.NON_FINITE_ACTION, Stage.INFER, i, nanos);
                    break;
                }
            }
        }
        if (termination.update(sensors, 0, fresh)) {
            raise(EventKind.TERMINATION, Stage.SAFETY, termination.value(), nanos);
        }
        if (state == State.RUNNING) {
            filter(action, command, nanos);
        } else {
            for (int i = 0; i < last.length; i++) {
                command[i] = Double.NaN;
                last[i] = 0;
            }
            if (state == State.ARMED) {
                setState(State.RUNNING);
            }
        }
        return current | (state == State.RUNNING ? EventKind.RUNNING_BIT : 0)
                | (state == State.FAULTED ? EventKind.FAULTED_BIT : 0);
    }

    private void filter(float[] action, double[] command, long nanos) {
        for (int i = 0; i < last.length; i++) {
            double v = action[i];
            double c = Math.max(low[i], Math.min(high[i], v));
            if (c != v) {
                raise(EventKind.ACTION_CLAMPED, Stage.SAFETY, v, nanos);
            }
            double step = c - last[i];
            if (step > maxStep[i]) {
                c = last[i] + maxStep[i];
                raise(EventKind.SLEW_LIMITED, Stage.SAFETY, step, nanos);
            } else if (step < -maxStep[i]) {
                c = last[i] - maxStep[i];
                raise(EventKind.SLEW_LIMITED, Stage.SAFETY, step, nanos);
            }
            command[i] = c;
            last[i] = c;
        }
    }

    /** Whether every inertial channel repeats the last fresh reading exactly; remembers this one. */
    private boolean frozen(double[] sensors) {
        if (imuChannels.length == 0) {
            return false;
        }
        boolean same = haveFresh;
        for (int i : imuChannels) {
            if (Double.doubleToRawLongBits(sensors[i]) != Double.doubleToRawLongBits(lastFresh[i])) {
                same = false;
            }
            lastFresh[i] = sensors[i];
        }
        haveFresh = true;
        return same;
    }
}
