package dev.sim2pi.cli;

import java.util.Arrays;

/**
 * Enqueue-to-disk latencies of the frames a telemetry benchmark measures, with each frame's
 * enqueue time so the frames enqueued during a broker outage can be left out. Filled by the
 * recorders' threads.
 */
final class BenchLatencies {

    private long[] latency;
    private long[] enqueued;
    private int n;
    volatile long measureFrom = Long.MAX_VALUE;
    volatile long outageStart = Long.MAX_VALUE;
    volatile long outageEnd = Long.MIN_VALUE;

    BenchLatencies(int capacity) {
        latency = new long[capacity];
        enqueued = new long[capacity];
    }

    synchronized void add(long latencyNanos, long enqueuedNanos) {
        if (enqueuedNanos < measureFrom) {
            return;
        }
        if (n == latency.length) {
            latency = Arrays.copyOf(latency, n * 2);
            enqueued = Arrays.copyOf(enqueued, n * 2);
        }
        latency[n] = latencyNanos;
        enqueued[n++] = enqueuedNanos;
    }

    /** The {@code p}-th percentile in ms, of all measured frames or of those enqueued outside the outage; NaN if none. */
    synchronized double percentileMs(double p, boolean outsideOutage) {
        long[] v = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!outsideOutage || enqueued[i] < outageStart || enqueued[i] > outageEnd) {
                v[m++] = latency[i];
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, m);
        int idx = (int) Math.min(m - 1, Math.max(0, Math.ceil(p / 100.0 * m) - 1));
        return v[idx] * 1e-6;
    }

    /** How long the broker was away, in ms (0 without a restart). */
    double outageMs() {
        return outageEnd == Long.MIN_VALUE ? 0 : (outageEnd - outageStart) * 1e-6;
    }
}
