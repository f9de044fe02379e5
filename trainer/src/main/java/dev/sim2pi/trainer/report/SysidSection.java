package dev.sim2pi.trainer.report;

import java.util.ArrayList;
import java.util.List;

/** The report section of a {@link SysidRecord}. */
final class SysidSection {

    private SysidSection() {
    }

    static void add(HtmlReport page, SysidRecord r) {
        ReportSection s = page.section("sysid", "System identification");
        s.text("Recorded commands replayed in the simulator from the robot's estimated states over short horizons; "
                + "parameters fitted (Levenberg-Marquardt) to the recorded readings. sigma is one standard deviation "
                + "from the covariance at the fit (neighbouring frames are correlated: read it as a lower bound).");
        s.figure("windows", "replay windows", (long) r.windows())
                .figure("residual_before", "residual RMS before (nominal model)", r.residualBefore())
                .figure("residual_after", "residual RMS after the fit", r.residualAfter())
                .figure("dead_time_steps", "dead time fitted (periods)", (long) r.deadTimeSteps());
        if (r.trueDeadTimeSteps() != null) {
            s.figure("true_dead_time_steps", "dead time of the twin (periods)", (long) r.trueDeadTimeSteps());
        }
        s.figure("sysid_seconds", "fit time (s)", r.seconds());
        if (!r.converged()) {
            s.note(ReportSection.Tone.WARN, "an optimization ran out of evaluations: the best point it reached is shown");
        }
        boolean truth = r.parameters().stream().anyMatch(p -> p.truth() != null);
        List<String> header = new ArrayList<>(List.of("parameter", "start", "fit", "sigma"));
        if (truth) {
            header.addAll(List.of("true", "error / sigma"));
        }
        header.add("identifiable alone");
        List<List<Object>> rows = new ArrayList<>();
        for (SysidRecord.Fit f : r.parameters()) {
            List<Object> row = new ArrayList<>(List.of(f.name(), f.start(), f.fit(), f.sigma()));
            if (truth) {
                row.add(f.truth());
                row.add(f.errorSigmas());
            }
            row.add(f.inCombination() ? "no" : "yes");
            rows.add(row);
        }
        s.table("sysid", header, rows);
        if (!r.combinations().isEmpty()) {
            List<List<Object>> combos = new ArrayList<>();
            for (SysidRecord.Combination c : r.combinations()) {
                combos.add(List.of(c.description(), c.value(), c.sigma(), c.correlation()));
            }
            s.text("Pairs the data cannot separate, and the combination it does fix:");
            s.table("sysid-combinations", List.of("combination", "value", "sigma", "correlation"), combos);
        }
    }
}
