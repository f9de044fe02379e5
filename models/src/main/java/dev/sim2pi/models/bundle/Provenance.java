package dev.sim2pi.models.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a policy was made, stamped into the manifest and the ONNX {@code metadata_props}.
 *
 * @param gitCommit          commit of the code that trained it, with {@code -dirty} if sources had changed ({@code "unknown"} if not in a repository)
 * @param trainerConfig      the trainer's settings (JSON-compatible values: strings, numbers, booleans, lists, maps)
 * @param envSteps           environment steps trained on
 * @param evaluationReturns  the exported policy's evaluation returns as the trainer reports them: mean over held-out
 *                           randomized robots that took no part in choosing the policy, then the nominal robot's
 *                           ({@code trainerConfig.evaluation} says which robots; bundles made before it existed
 *                           carry the returns of the evaluation that chose the policy)
 * @param seed               seed of the training run (also seeds the golden observations)
 * @param randomization      domain randomization ranges trained with (JSON-compatible values)
 * @param actionLatencySteps action latency in control steps the policy was trained with
 */
public record Provenance(String gitCommit, Map<String, Object> trainerConfig, long envSteps,
                         List<Double> evaluationReturns, long seed, Map<String, Object> randomization,
                         int actionLatencySteps) {

    public Provenance {
        Objects.requireNonNull(gitCommit, "gitCommit");
        trainerConfig = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(trainerConfig, "trainerConfig")));
        randomization = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(randomization, "randomization")));
        evaluationReturns = List.copyOf(Objects.requireNonNull(evaluationReturns, "evaluationReturns"));
        if (envSteps < 0) {
            throw new IllegalArgumentException("envSteps must be >= 0, got " + envSteps);
        }
        if (actionLatencySteps < 0) {
            throw new IllegalArgumentException("actionLatencySteps must be >= 0, got " + actionLatencySteps);
        }
    }

    /** Provenance for a bundle not made by training (benchmarks, tests). */
    public static Provenance untrained(long seed) {
        return new Provenance("unknown", Map.of(), 0, List.of(), seed, Map.of(), 0);
    }
}
