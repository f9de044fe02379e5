package dev.sim2pi.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code summary.json} of a run. {@code solvedAt*} are null when no evaluation reached the
 * task's solved threshold, {@code final_eval_*} when the run made no evaluation; wall seconds
 * count from the start of the command; {@code bundle} is the bundle folder relative to the
 * summary's own folder (no machine path), or null when none was exported.
 */
public record RunSummary(String task, long seed, long envSteps, double wallSeconds, double finalEvalReturnMean,
                         double finalEvalReturnStd, Long solvedAtEnvSteps, Double solvedAtWallSeconds,
                         String engine, long updates, String bundle) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("task", task);
        n.put("seed", seed);
        n.put("env_steps", envSteps);
        n.put("wall_seconds", wallSeconds);
        putNumber(n, "final_eval_return_mean", finalEvalReturnMean);
        putNumber(n, "final_eval_return_std", finalEvalReturnStd);
        if (solvedAtEnvSteps == null) {
            n.putNull("solved_at_env_steps");
            n.putNull("solved_at_wall_seconds");
        } else {
            n.put("solved_at_env_steps", solvedAtEnvSteps);
            n.put("solved_at_wall_seconds", solvedAtWallSeconds);
        }
        n.put("engine", engine);
        n.put("updates", updates);
        if (bundle == null) {
            n.putNull("bundle");
        } else {
            n.put("bundle", bundle);
        }
        JSON.writeValue(file.toFile(), n);
    }

    /** JSON has no NaN: a run without an evaluation records null, not the string "NaN". */
    private static void putNumber(ObjectNode n, String key, double value) {
        if (Double.isFinite(value)) {
            n.put(key, value);
        } else {
            n.putNull(key);
        }
    }
}
