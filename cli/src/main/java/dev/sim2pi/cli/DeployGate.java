package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.sim.robots.CartPolePlant;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deployment gate: the candidate and the running bundle play the same held-out episodes
 * (seeds {@code S..S+N-1}) in the task's simulator with its randomization (the shipped ranges, or a
 * sysid-centred file), and the same seeds again on each twin given; the candidate passes if its
 * mean return beats the running bundle's by at least the margin.
 */
final class DeployGate {

    /** One set of episodes both bundles play. */
    record Scenario(String name, Plant plant, boolean randomize) {
    }

    /** What one bundle scored on one scenario. */
    record Score(String scenario, double candidateMean, int candidateFalls, double currentMean, int currentFalls) {
    }

    /**
     * @param accepted        whether the candidate passes
     * @param candidateReturn its mean return over every episode
     * @param currentReturn   the running bundle's, on the same episodes
     * @param margin          the margin it had to beat the running bundle by
     * @param episodes        episodes per bundle in all
     * @param scores          per scenario
     */
    record Decision(boolean accepted, double candidateReturn, double currentReturn, double margin, int episodes,
                    List<Score> scores) {

        String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "gate %s: candidate %.2f vs running %.2f (margin %.2f, %d episodes each)",
                    accepted ? "accepted" : "refused", candidateReturn, currentReturn, margin, episodes));
            for (Score s : scores) {
                sb.append(String.format(Locale.ROOT, "; %s %.2f/%.2f falls %d/%d", s.scenario, s.candidateMean,
                        s.currentMean, s.candidateFalls, s.currentFalls));
            }
            return sb.toString();
        }
    }

    private DeployGate() {
    }

    /** The scenarios: the randomized simulator ({@code randomization} null: the shipped ranges), then each twin. */
    static List<Scenario> scenarios(String taskId, Path randomization, List<Path> twins) {
        List<Scenario> out = new ArrayList<>();
        Plant sim;
        if (randomization == null) {
            sim = Plants.forTask(taskId);
        } else {
            sim = switch (taskId) {
                case "balancer" -> new BalancerPlant(BalancerPlant.rangesFrom(randomization));
                case "cartpole" -> new CartPolePlant(CartPolePlant.rangesFrom(randomization));
                default -> throw new InputException("--randomization " + randomization + ": task " + taskId
                        + " has no randomization ranges (balancer and cartpole do)");
            };
        }
        out.add(new Scenario(randomization == null ? "sim" : "sim:" + randomization.getFileName(), sim, true));
        for (Path t : twins) {
            out.add(new Scenario("twin:" + t.getFileName(), Twins.load(taskId, t), false));
        }
        return out;
    }

    static Decision judge(PolicyBundle candidate, PolicyBundle current, List<Scenario> scenarios, int episodes, long seed,
                          double margin) {
        RobotTask task = Tasks.byId(candidate.manifest().taskId());
        List<Score> scores = new ArrayList<>();
        double candidateSum = 0;
        double currentSum = 0;
        try (OnnxPolicyRunner a = candidate.openOnnx(); OnnxPolicyRunner b = current.openOnnx()) {
            for (Scenario s : scenarios) {
                ReturnSummary ca = ReturnSummary.of(new PolicyEpisodes(s.plant, s.randomize).run(a, episodes, seed),
                        task.maxEpisodeSteps());
                ReturnSummary cb = ReturnSummary.of(new PolicyEpisodes(s.plant, s.randomize).run(b, episodes, seed),
                        task.maxEpisodeSteps());
                scores.add(new Score(s.name, ca.mean(), ca.falls(), cb.mean(), cb.falls()));
                candidateSum += ca.mean();
                currentSum += cb.mean();
            }
        }
        double candidateReturn = candidateSum / scenarios.size();
        double currentReturn = currentSum / scenarios.size();
        return new Decision(candidateReturn >= currentReturn + margin, candidateReturn, currentReturn, margin,
                episodes * scenarios.size(), scores);
    }
}
