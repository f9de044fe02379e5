package dev.sim2pi.trainer.run;

import dev.sim2pi.trainer.sac.EvaluatedPolicy;
import dev.sim2pi.trainer.sac.EvaluationRobots;
import dev.sim2pi.trainer.sac.Evaluator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The exported actor, the selection evaluation that chose it and its score on the report robots
 * that did not: what {@code summary.json}, the run's last lines and the bundle's provenance say
 * about it.
 *
 * @param exported          the exported actor and its selection evaluation (null result if it never had one)
 * @param report            its evaluation on the report robots
 * @param selectionSeed     simulator seed of the selection robots
 * @param selectionEpisodes how many selection robots
 * @param reportSeed        simulator seed of the report robots
 * @param reportEpisodes    how many report robots
 */
public record HeldOutScore(EvaluatedPolicy exported, Evaluator.Result report, long selectionSeed,
                           int selectionEpisodes, long reportSeed, int reportEpisodes) {

    /** The score of {@code exported} measured by {@code reportEvaluator}, chosen with {@code selection}. */
    public HeldOutScore(EvaluatedPolicy exported, Evaluator.Result report, Evaluator selection,
                        Evaluator reportEvaluator) {
        this(exported, report, selection.seed(), selection.episodes(), reportEvaluator.seed(),
                reportEvaluator.episodes());
    }

    /** One line for the run's output. */
    String describe(Evaluator.Result last) {
        return "exported actor: " + exportedActor(last);
    }

    /** What {@code provenance.trainerConfig.exportedActor} says. */
    public String exportedActor(Evaluator.Result last) {
        Evaluator.Result chosen = exported.result();
        String why = chosen == null ? String.format(Locale.ROOT, "the last actor (%d env steps; never evaluated)",
                exported.envSteps())
                : String.format(Locale.ROOT, "best on %d %s robots at %d env steps (%.1f +- %.1f, nominal %.1f)",
                        selectionEpisodes, EvaluationRobots.SELECTION.label(), exported.envSteps(), chosen.mean(),
                        chosen.std(), chosen.nominal());
        String finalEval = last == null ? "" : String.format(Locale.ROOT, "; final %s evaluation %.1f +- %.1f",
                EvaluationRobots.SELECTION.label(), last.mean(), last.std());
        return String.format(Locale.ROOT, "%s; held-out return %.1f +- %.1f (nominal %.1f) on %d %s robots%s", why,
                report.mean(), report.std(), report.nominal(), reportEpisodes, EvaluationRobots.REPORT.label(),
                finalEval);
    }

    /** {@code provenance.trainerConfig.evaluation}: which robots chose the actor and which scored it. */
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluationReturns", "mean return of the exported actor over the report robots, then on the nominal robot");
        m.put("selection", robots(selectionEpisodes, selectionSeed,
                "every periodic evaluation (metrics.csv); chose the exported actor"));
        m.put("report", robots(reportEpisodes, reportSeed,
                "the exported actor once, after training; took no part in choosing it"));
        return m;
    }

    private static Map<String, Object> robots(int episodes, long seed, String use) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("randomizedRobots", episodes);
        m.put("simulatorSeed", seed);
        m.put("use", use);
        return m;
    }
}
