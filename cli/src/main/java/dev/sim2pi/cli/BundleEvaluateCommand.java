package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Scores a bundle's deterministic policy over many simulated robots of its task. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Verify a bundle, then run its deterministic ONNX policy for whole episodes in its task's simulator "
                + "and report the returns.",
                "Episode k is the first episode of a one-environment simulator reset with seed S+k (S = --seed): "
                        + "the same robot, start and noise whatever --episodes is.",
                "With --twin-params the episodes run on that reality twin, and the same seeds also run on the nominal "
                        + "training robot: the sim-to-real ratio is the twin's mean return over the nominal one.",
                "Last line: task= episodes= seed= randomized= return_mean= return_std= return_min= return_p05= "
                        + "return_median= return_max= falls= fall_rate= mean_length=, then with --twin-params "
                        + "twin= nominal_return_mean= ratio=, and with --estimated-reward true_return_mean= estimate_gap="})
final class BundleEvaluateCommand implements Runnable {

    /** Lowest-return episodes listed in the summary, with their seeds to replay them. */
    private static final int WORST_SHOWN = 3;

    @Parameters(paramLabel = "BUNDLE", description = "Bundle folder or .s2p archive.")
    Path bundle;

    @Mixin
    TrustOptions trust;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100", description = "Episodes to run (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Episode k uses seed S+k (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nominal", description = "Simulate the nominal robot instead of drawing its parameters per episode.")
    boolean nominal;

    @Option(names = "--twin-params", paramLabel = "FILE", description = "Score on the task's reality twin with the "
            + "parameters in FILE (see sim/.../twin/balancer-twin.json), and on the nominal robot for the ratio.")
    Path twinParams;

    @Option(names = "--estimated-reward", description = "Reward and end episodes as the robot would, from the task's "
            + "state estimator over its readings; also reports the true-state return of the same episodes and the gap.")
    boolean estimatedReward;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one row per episode: "
            + "episode,seed,return,length,terminated,fell and the drawn parameters by name.")
    Path csv;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new InputException("--episodes " + episodes + ": expected at least 1 episode");
        }
        BundleLoader loader = trust.loader();
        PolicyBundle b = loader.load(bundle);
        String taskId = b.manifest().taskId();
        RobotTask task;
        Plant plant;
        if (twinParams != null && nominal) {
            throw new InputException("--nominal with --twin-params: a twin is one fixed robot; drop one of them");
        }
        try {
            task = Tasks.byId(taskId);
            plant = Plants.forTask(taskId);
        } catch (InputException e) {
            throw new InputException(bundle + ": policy.json field 'task' names " + e.getMessage(), e);
        }
        if (estimatedReward && !task.estimatedReward().isPresent()) {
            throw new InputException("--estimated-reward: task " + taskId + " has no state estimator (only physical "
                    + "robots have one)");
        }
        if (twinParams != null) {
            plant = Twins.load(taskId, twinParams);
        }
        // Again against the shipped task: its version and layouts must be the simulator's.
        b = loader.expecting(task).load(bundle);
        System.out.printf("bundle %s: %s v%d, %s, %d golden pairs reproduced%n", bundle, taskId,
                b.manifest().taskVersion(), b.manifest().signed() ? "signed" : "unsigned", b.manifest().golden().size());

        // A twin's parameters are fixed: nothing is drawn whatever the flag says.
        boolean randomize = !nominal && twinParams == null;
        List<EpisodeOutcome> outcomes;
        ReturnSummary nominalSummary = null;
        try (OnnxPolicyRunner policy = b.openOnnx()) {
            outcomes = new PolicyEpisodes(plant, randomize, estimatedReward).run(policy, episodes, seed);
            if (twinParams != null) {
                nominalSummary = ReturnSummary.of(
                        new PolicyEpisodes(Plants.forTask(taskId), false, estimatedReward).run(policy, episodes, seed),
                        task.maxEpisodeSteps());
            }
        }
        int maxSteps = task.maxEpisodeSteps();
        ReturnSummary s = ReturnSummary.of(outcomes, maxSteps);
        if (csv != null) {
            EpisodeCsv.write(csv, outcomes, plant.parameters().names(), maxSteps);
        }
        printSummary(s, outcomes, randomize, maxSteps, task);
        Figures figures = new Figures()
                .put("task", taskId)
                .put("episodes", episodes)
                .put("seed", seed)
                .put("randomized", Boolean.toString(randomize))
                .put("return_mean", s.mean())
                .put("return_std", s.std())
                .put("return_min", s.min())
                .put("return_p05", s.p05())
                .put("return_median", s.median())
                .put("return_max", s.max())
                .put("falls", s.falls())
                .put("fall_rate", s.fallRate())
                .put("mean_length", s.meanLength());
        if (nominalSummary != null) {
            double ratio = s.mean() / nominalSummary.mean();
            System.out.printf(Locale.ROOT, "twin %s: return %.1f against %.1f on the nominal robot (same seeds, "
                            + "%d falls there): sim-to-real ratio %.3f%n", twinParams, s.mean(), nominalSummary.mean(),
                    nominalSummary.falls(), ratio);
            figures.put("twin", twinParams.getFileName().toString())
                    .put("nominal_return_mean", nominalSummary.mean())
                    .put("ratio", ratio);
        }
        if (estimatedReward) {
            double trueMean = 0;
            for (EpisodeOutcome o : outcomes) {
                trueMean += o.trueReturn() / outcomes.size();
            }
            double gap = (s.mean() - trueMean) / trueMean;
            System.out.printf(Locale.ROOT, "rewarded on the robot's state estimate: %.1f; the same episodes on the true "
                    + "state: %.1f (gap %+.2f%%)%n", s.mean(), trueMean, 100 * gap);
            figures.put("true_return_mean", trueMean).put("estimate_gap", gap);
        }
        figures.print(System.out);
    }

    private void printSummary(ReturnSummary s, List<EpisodeOutcome> outcomes, boolean randomize, int maxSteps,
                              RobotTask task) {
        System.out.printf(Locale.ROOT, "%d %s episodes (episode k: seed %d+k), up to %d steps (%.1f s) each%n",
                episodes, twinParams != null ? "twin" : randomize ? "randomized" : "nominal", seed, maxSteps, maxSteps / task.controlRateHz());
        System.out.printf(Locale.ROOT, "return %.1f +- %.1f (min %.1f, p05 %.1f, median %.1f, max %.1f)%n",
                s.mean(), s.std(), s.min(), s.p05(), s.median(), s.max());
        System.out.printf(Locale.ROOT, "falls %d of %d (%.1f%%), mean length %.1f steps%n",
                s.falls(), s.episodes(), 100 * s.fallRate(), s.meanLength());
        List<EpisodeOutcome> worst = new ArrayList<>(outcomes);
        worst.sort(Comparator.comparingDouble(EpisodeOutcome::episodeReturn).thenComparingInt(EpisodeOutcome::episode));
        StringBuilder sb = new StringBuilder("lowest:");
        for (EpisodeOutcome o : worst.subList(0, Math.min(WORST_SHOWN, worst.size()))) {
            sb.append(String.format(Locale.ROOT, " seed %d %.1f%s;", o.seed(), o.episodeReturn(),
                    ReturnSummary.isFall(o, maxSteps) ? " (fell at step " + o.length() + ")" : ""));
        }
        sb.setLength(sb.length() - 1);
        System.out.println(sb);
    }
}
