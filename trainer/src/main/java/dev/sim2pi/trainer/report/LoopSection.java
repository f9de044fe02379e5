package dev.sim2pi.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report section of a {@link LoopRecord}: timing, the jitter histogram, stages, safety, score, telemetry. */
final class LoopSection {

    private LoopSection() {
    }

    static void add(HtmlReport page, LoopRecord r, String heading) {
        String id = "loop-" + r.label();
        ReportSection s = page.section(id, heading);
        s.text("Bundle " + r.bundle() + " at " + Html.number(r.rateHz()) + " Hz for " + Html.number(r.seconds())
                + " s of wall time. Jitter is how late each period started against its grid.");
        s.figure(id + ".iterations", "loop iterations", r.iterations())
                .figure(id + ".overruns", "overruns", r.overruns())
                .figure(id + ".skipped_periods", "skipped periods", r.skippedPeriods())
                .figure(id + ".p50_jitter_us", "start jitter p50 (us)", r.p50JitterUs())
                .figure(id + ".p99_jitter_us", "start jitter p99 (us)", r.p99JitterUs())
                .figure(id + ".p999_jitter_us", "start jitter p99.9 (us)", r.p999JitterUs())
                .figure(id + ".max_jitter_us", "start jitter max (us)", r.maxJitterUs())
                .figure(id + ".state", "safety state at the end", r.state()
                        + (r.faultCause() == null || r.faultCause().isEmpty() ? "" : " (" + r.faultCause() + ")"))
                .figure(id + ".watchdog_trips", "watchdog trips", r.watchdogTrips())
                .figure(id + ".episode_return", "return over the run (true state)", r.episodeReturn())
                .figure(id + ".falls", "falls", r.falls())
                .figure(id + ".frames_sent", "telemetry frames sent", r.framesSent())
                .figure(id + ".frames_recorded", "telemetry frames recorded", r.framesRecorded());
        if (r.jitterHistogram() != null && !r.jitterHistogram().isEmpty()) {
            List<SvgPlots.Bar> bars = new ArrayList<>();
            for (LoopRecord.Bin b : r.jitterHistogram()) {
                bars.add(new SvgPlots.Bar(b.upperUs(), b.count()));
            }
            s.svg(SvgPlots.histogram(id + "-jitter", "start jitter (us, upper bin edge)", bars));
        }
        if (r.stageP99Micros() != null && !r.stageP99Micros().isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            for (Map.Entry<String, Double> e : r.stageP99Micros().entrySet()) {
                rows.add(List.of(e.getKey(), e.getValue()));
            }
            s.table(id + "-stages", List.of("stage", "p99 (us)"), rows);
        }
        if (r.events() != null && !r.events().isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            r.events().forEach((k, v) -> rows.add(List.of(k, v)));
            s.table(id + "-events", List.of("safety event", "count"), rows);
        }
    }
}
