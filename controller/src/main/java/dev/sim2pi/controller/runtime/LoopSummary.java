package dev.sim2pi.controller.runtime;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.LoopTimings;
import dev.sim2pi.controller.loop.OverrunLog;
import dev.sim2pi.controller.loop.Stage;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.controller.safety.SafetyEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run of the loop amounted to, read once it stopped.
 *
 * @param stageP99Micros p99 duration of each stage, by {@link Stage#label()}
 * @param eventCounts    events by kind (only kinds that happened)
 * @param overrunDetails where the time of the first overruns (and the worst later one) went
 * @param overrunMaxima  the largest of each part over every overrun, or null without overruns
 */
public record LoopSummary(long iterations, long overruns, long skippedPeriods, double p50JitterMicros,
                          double p99JitterMicros, double p999JitterMicros, double maxJitterMicros,
                          Map<String, Double> stageP99Micros, long safetyEvents, Map<String, Long> eventCounts,
                          String state, String faultCause, long watchdogTrips,
                          java.util.List<OverrunLog.Overrun> overrunDetails, OverrunLog.Overrun overrunMaxima) {

    public static LoopSummary of(ControlLoop loop, long watchdogTrips) {
        LoopTimings t = loop.timings();
        Histogram j = t.startJitter();
        Map<String, Double> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.label(), micros(t.stage(s).getValueAtPercentile(99)));
        }
        SafetyEvents events = loop.events();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EventKind k : EventKind.values()) {
            if (events.count(k) > 0) {
                counts.put(k.label(), events.count(k));
            }
        }
        var cause = loop.safety().faultCause();
        return new LoopSummary(loop.iterations(), loop.overruns(), loop.skippedPeriods(),
                micros(j.getValueAtPercentile(50)), micros(j.getValueAtPercentile(99)),
                micros(j.getValueAtPercentile(99.9)), micros(j.getMaxValue()), stages, events.safetyTotal(), counts,
                loop.safety().state().name().toLowerCase(java.util.Locale.ROOT), cause == null ? "" : cause.label(),
                watchdogTrips, loop.overrunLog().overruns(),
                loop.overrunLog().count() == 0 ? null : loop.overrunLog().maxima());
    }

    /** Lines saying where the overruns' time went (none without overruns). */
    public java.util.List<String> overrunLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (overrunMaxima == null) {
            return lines;
        }
        overrunDetails.forEach(o -> lines.add(o.describe()));
        if (overrunDetails.size() > OverrunLog.CAPACITY) {
            lines.add("the last overrun line is the worst of those after the first " + OverrunLog.CAPACITY);
        }
        lines.add("overrun maxima (each part's largest over all overruns): " + overrunMaxima.describe()
                .replaceFirst("^overrun at t=[^:]*: blame [^;]*; ", ""));
        return lines;
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
