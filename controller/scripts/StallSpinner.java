/*
 * A cyclictest-like stall probe: spins on System.nanoTime (the monotonic clock the controller's
 * loop reads) and reports every gap longer than a threshold, with its monotonic start, so a
 * controller overrun can be matched against a stall that hit this unrelated process at the same
 * moment (the machine or VM did not run us, rather than our loop being slow). Also prints the
 * machine's steal and run-queue figures from /proc before and after.
 *
 *   java controller/scripts/StallSpinner.java SECONDS [THRESHOLD_US]
 */
import java.nio.file.Files;
import java.nio.file.Path;

public class StallSpinner {
    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        long thresholdNanos = (args.length > 1 ? Long.parseLong(args[1]) : 1000) * 1000;
        String cpuBefore = cpuLine();
        long[] at = new long[100_000];
        long[] gap = new long[at.length];
        int n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long last = start;
        while (last < end) {
            long now = System.nanoTime();
            if (now - last > thresholdNanos && n < at.length) {
                at[n] = last;
                gap[n++] = now - last;
            }
            last = now;
        }
        System.out.println("cpu before: " + cpuBefore);
        System.out.println("cpu after:  " + cpuLine());
        long max = 0;
        for (int i = 0; i < n; i++) {
            System.out.printf("gap at monotonic %d ns (t=%.3f s): %d us%n", at[i], (at[i] - start) * 1e-9, gap[i] / 1000);
            max = Math.max(max, gap[i]);
        }
        System.out.printf("gaps=%d max_gap_us=%d start_monotonic_ns=%d seconds=%.1f%n", n, max / 1000, start, seconds);
    }

    /** The aggregate cpu line of /proc/stat (user nice system idle iowait irq softirq steal, in ticks). */
    private static String cpuLine() throws Exception {
        return Files.readAllLines(Path.of("/proc/stat")).get(0);
    }
}
