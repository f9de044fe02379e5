package dev.sim2pi.cli;

import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.util.Arrays;

/** How soon after a broker restart the benchmark's clients were connected again. */
record BenchReconnect(double recorderMs, double publishersMedianMs, double publishersMaxMs) {

    /**
     * Waits (at most 10 s) until every recorder and publisher is connected again; times in ms
     * after {@code backNanos}, when the broker was back (the recorders' time is the last of them).
     */
    static BenchReconnect measure(TelemetryPublisher[] pubs, Recorder[] recorders, long backNanos)
            throws InterruptedException {
        long[] at = new long[pubs.length];
        long[] recorderAt = new long[recorders.length];
        int pending = pubs.length + recorders.length;
        long deadline = backNanos + 10_000_000_000L;
        while (pending > 0 && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            for (int i = 0; i < recorders.length; i++) {
                if (recorderAt[i] == 0 && recorders[i].stats().connected()) {
                    recorderAt[i] = now;
                    pending--;
                }
            }
            for (int i = 0; i < pubs.length; i++) {
                if (at[i] == 0 && pubs[i].stats().connected()) {
                    at[i] = now;
                    pending--;
                }
            }
            Thread.sleep(1);
        }
        double[] ms = new double[pubs.length];
        for (int i = 0; i < pubs.length; i++) {
            ms[i] = ((at[i] == 0 ? deadline : at[i]) - backNanos) * 1e-6;
        }
        Arrays.sort(ms);
        long lastRecorder = 0;
        for (long t : recorderAt) {
            lastRecorder = Math.max(lastRecorder, t == 0 ? deadline : t);
        }
        return new BenchReconnect((lastRecorder - backNanos) * 1e-6, ms[ms.length / 2], ms[ms.length - 1]);
    }
}
