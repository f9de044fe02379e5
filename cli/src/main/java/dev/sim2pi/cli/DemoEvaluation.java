package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Path;
import java.util.List;

/**
 * A bundle scored as {@code bundle evaluate --twin-params} does: the same seeded episodes on the
 * reality twin and on the nominal training robot; the sim-to-real ratio is twin over nominal.
 */
record DemoEvaluation(String bundle, int episodes, long seed, ReturnSummary twin, ReturnSummary nominal) {

    static DemoEvaluation of(String name, PolicyBundle bundle, Path twinParams, int episodes, long seed) {
        String task = bundle.manifest().taskId();
        Plant twinPlant = twinParams == null ? Twins.shipped(task) : Twins.load(task, twinParams);
        int maxSteps = twinPlant.task().maxEpisodeSteps();
        try (OnnxPolicyRunner policy = bundle.openOnnx()) {
            ReturnSummary twin = ReturnSummary.of(new PolicyEpisodes(twinPlant, false).run(policy, episodes, seed), maxSteps);
            ReturnSummary nominal = ReturnSummary.of(
                    new PolicyEpisodes(Plants.forTask(task), false).run(policy, episodes, seed), maxSteps);
            return new DemoEvaluation(name, episodes, seed, twin, nominal);
        }
    }

    double ratio() {
        return twin.mean() / nominal.mean();
    }

    /** Rows of the report's evaluation table. */
    List<List<Object>> rows() {
        return List.of(
                List.of(bundle, "twin", (long) episodes, twin.mean(), twin.std(), twin.min(), (long) twin.falls(), ratio()),
                List.of(bundle, "nominal sim", (long) episodes, nominal.mean(), nominal.std(), nominal.min(),
                        (long) nominal.falls(), 1.0));
    }

    static final List<String> COLUMNS = List.of("bundle", "robot", "episodes", "return mean", "return std",
            "return min", "falls", "ratio to nominal");
}
