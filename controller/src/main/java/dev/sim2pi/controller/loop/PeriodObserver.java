package dev.sim2pi.controller.loop;

/**
 * Sees every period the loop ran, on the loop thread, after the actuators were written: for
 * judges that must not miss a period (a return proxy). It must not allocate, block, lock or log.
 */
@FunctionalInterface
public interface PeriodObserver {

    /**
     * @param policy  the policy that ran this period (a new reference the period after a swap)
     * @param nanos   the period's start on the loop's clock
     * @param sensors this period's readings (the last good ones after a dropout)
     * @param applied the command written to the actuators (0 where safe/NaN)
     * @param flags   the frame's safety flags (see {@link dev.sim2pi.controller.safety.EventKind})
     */
    void period(PreparedPolicy policy, long nanos, double[] sensors, double[] applied, int flags);
}
