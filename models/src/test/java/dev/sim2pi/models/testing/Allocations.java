package dev.sim2pi.models.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures bytes allocated by the current thread, for tests that prove a hot path allocation-free.
 * A loop that allocated on every iteration could never show a zero window, so "some window of many
 * iterations allocated exactly 0 bytes" proves the steady-state path allocation-free, while
 * tolerating a one-off allocation the JVM makes on this thread when it recompiles or deoptimizes
 * the loop under load (seen as 64 to 352 bytes on a busy machine).
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /**
     * Runs {@code window} up to {@code tries} times and returns the bytes each run allocated,
     * stopping at the first run that allocated nothing (so a zero last element means success).
     */
    public static List<Long> untilZero(Runnable window, int tries) {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            long before = MX.getCurrentThreadAllocatedBytes();
            window.run();
            long bytes = MX.getCurrentThreadAllocatedBytes() - before;
            seen.add(bytes);
            if (bytes == 0) {
                break;
            }
        }
        return seen;
    }

    /** Whether the last window allocated nothing. */
    public static boolean endsAtZero(List<Long> windows) {
        return windows.get(windows.size() - 1) == 0;
    }

    /** Fails, listing the bytes of every window, unless one of up to {@code tries} windows allocated nothing. */
    public static void assertSomeWindowAllocatesNothing(String what, Runnable window, int tries) {
        List<Long> windows = untilZero(window, tries);
        if (!endsAtZero(windows)) {
            throw new AssertionError(what + ": every window allocated; bytes per window " + windows);
        }
    }
}
