package dev.sim2pi.controller.loop;

import java.lang.management.ManagementFactory;

/**
 * The calling thread's CPU time, to tell a slow period (CPU time close to wall time: our code was
 * busy) from one the thread spent not running (preempted by the OS or a hypervisor, or parked at
 * a JVM safepoint). One clock_gettime per call; allocation-free.
 */
final class ThreadCpu {

    private static final java.lang.management.ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean ON = MX.isCurrentThreadCpuTimeSupported() && MX.isThreadCpuTimeEnabled();

    private ThreadCpu() {
    }

    /** CPU time of the calling thread in ns, or -1 where the JVM cannot tell. */
    static long nanos() {
        return ON ? MX.getCurrentThreadCpuTime() : -1;
    }
}
