package dev.sim2pi.trainer.report;

import dev.sim2pi.trainer.sysid.SysidResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A system identification as {@code sysid.json}: each fitted parameter with its start, fit, one
 * standard deviation and, when known (a reality twin), the true value; the pairs only
 * identifiable together; the residuals before and after.
 *
 * @param deadTimeSteps fitted dead time (action latency plus sensing delay), in control periods
 * @param trueDeadTimeSteps the twin's, or null when unknown
 */
public record SysidRecord(String task, String data, int windows, int deadTimeSteps, Integer trueDeadTimeSteps,
                          double residualBefore, double residualAfter, boolean converged, double seconds,
                          List<Fit> parameters, List<Combination> combinations) {

    /** One parameter; {@code truth} null when unknown. */
    public record Fit(String name, double start, double fit, double sigma, Double truth, boolean inCombination) {

        /** How many standard deviations the fit lies from the truth (null without truth). */
        public Double errorSigmas() {
            return truth == null || !(sigma > 0) ? null : (fit - truth) / sigma;
        }
    }

    /** An identifiable combination of two parameters. */
    public record Combination(String description, double value, double sigma, double correlation) {
    }

    /** The record of {@code r}; {@code truth} maps parameter names to true values (empty when unknown). */
    public static SysidRecord of(String task, String data, SysidResult r, Map<String, Double> truth,
                                 Integer trueDeadTimeSteps, double seconds) {
        List<Fit> fits = new ArrayList<>();
        for (int i = 0; i < r.names().size(); i++) {
            String n = r.names().get(i);
            fits.add(new Fit(n, r.start()[i], r.fit()[i], r.sigma()[i], truth.get(n), r.inCombination(i)));
        }
        List<Combination> combos = new ArrayList<>();
        for (SysidResult.Combination c : r.combinations()) {
            combos.add(new Combination(r.describe(c), c.value(), c.sigma(), c.correlation()));
        }
        return new SysidRecord(task, data, r.windows(), r.deadTimeSteps(), trueDeadTimeSteps, r.residualBefore(),
                r.residualAfter(), r.converged(), seconds, fits, combos);
    }

    public void write(Path file) {
        ReportJson.writeObject(file, this);
    }

    public static SysidRecord read(Path file) {
        return ReportJson.readObject(file, SysidRecord.class);
    }
}
