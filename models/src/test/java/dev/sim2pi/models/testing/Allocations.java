package dev.sim2pi.models.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures bytes allocated by the current thread, for tests that prove a hot path allocation-free.
 * A loop that allocated on every iteration could never show a zero window, so "some window of many
 * iterations allocated exactly 0 bytes" proves the steady-state path allocation-free.
 *
 * <p>The JVM itself allocates on the measured thread while the JIT is still at work: when the
 * thread asks C2 to compile a method, HotSpot first resolves every String constant of that
 * method's class (CompileBroker: {@code resolve_string_constants}), so the literals of error
 * messages and {@code toString} methods, never executed, become String objects on this thread (24
 * to 104 bytes each). Under load the compile queues are long, HotSpot raises its thresholds and
 * those requests land in the measured windows: {@code CartpoleOverMcuTest} saw 216-800 bytes in
 * each of four windows. Interpreter-only and C1-only runs ({@code -Xint},
 * {@code -XX:TieredStopAtLevel=1}) never allocate there. So measuring starts only once the JIT
 * has been quiet for two whole windows ({@link #untilZeroOnceJitSettles}).
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
        return untilZero(NOTHING, window, tries);
    }

    private static final Runnable NOTHING = () -> { };

    private static List<Long> untilZero(Runnable refill, Runnable window, int tries) {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            refill.run();
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

    /**
     * As {@link #untilZero}, after {@link #settleJit}: for windows that can run any number of times
     * (not those fed a fixed budget of scripted readings).
     */
    public static List<Long> untilZeroOnceJitSettles(Runnable window, int tries) {
        return untilZeroOnceJitSettles(NOTHING, window, tries);
    }

    /**
     * As {@link #untilZeroOnceJitSettles(Runnable, int)} for windows that consume a budget (scripted
     * readings queued on a mock device): {@code refill} runs before every window, settling or
     * measured, and is not measured itself, so the windows can run as often as the JIT needs.
     */
    public static List<Long> untilZeroOnceJitSettles(Runnable refill, Runnable window, int tries) {
        settleJit(refill, window);
        return untilZero(refill, window, tries);
    }

    /**
     * Runs {@code window} until the JIT compiled nothing during two runs in a row (at most
     * {@value #MAX_SETTLE_RUNS} runs or {@value #MAX_SETTLE_SECONDS} s), so that no compile request, and
     * none of the String constants HotSpot resolves for it, falls into a measured window.
     */
    public static void settleJit(Runnable window) {
        settleJit(NOTHING, window);
    }

    private static void settleJit(Runnable refill, Runnable window) {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long end = System.nanoTime() + MAX_SETTLE_SECONDS * 1_000_000_000L;
        int quiet = 0;
        for (int i = 0; i < MAX_SETTLE_RUNS && quiet < 2 && System.nanoTime() < end; i++) {
            refill.run();
            long before = jit.getTotalCompilationTime();
            window.run();
            quiet = jit.getTotalCompilationTime() == before ? quiet + 1 : 0;
        }
    }

    private static final int MAX_SETTLE_RUNS = 200;
    private static final int MAX_SETTLE_SECONDS = 20;

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
