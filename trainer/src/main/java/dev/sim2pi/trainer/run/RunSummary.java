package dev.sim2pi.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code summary.json} of a run. {@code solvedAt*} are null when no evaluation reached the
 * task's solved threshold; wall seconds count from the start of the command. The
 * {@code finalEval*} and {@code solvedAt*} figures, like {@code metrics.csv}, come from the
 * selection robots that also chose the exported actor; {@code heldOut} is that actor's score on
 * the report robots, which did not. {@code final_eval_*} are null when the run made no evaluation;
 * {@code bundle} is the bundle folder relative to the summary's own folder (no machine path), or
 * null when none was exported.
 */
public record RunSummary(String task, long seed, long envSteps, double wallSeconds, double finalEvalReturnMean,
                         double finalEvalReturnStd, Long solvedAtEnvSteps, Double solvedAtWallSeconds,
                         String engine, long updates, String bundle, HeldOutScore heldOut) {

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
        n.put("evaluation", "final_eval_* and solved_at_* (and metrics.csv) are on the selection robots, which"
                + " chose the exported actor; held_out_* is the exported actor on the report robots, which did not");
        if (heldOut != null) {
            writeHeldOut(n);
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

    /** The exported actor's held-out score; absent from a summary written before any evaluation. */
    private void writeHeldOut(ObjectNode n) {
        n.put("exported_env_steps", heldOut.exported().envSteps());
        if (heldOut.exported().result() == null) {
            n.putNull("exported_selection_return_mean");
        } else {
            n.put("exported_selection_return_mean", heldOut.exported().result().mean());
        }
        n.put("held_out_return_mean", heldOut.report().mean());
        n.put("held_out_return_std", heldOut.report().std());
        n.put("held_out_return_nominal", heldOut.report().nominal());
        n.put("selection_robots", heldOut.selectionEpisodes());
        n.put("selection_seed", heldOut.selectionSeed());
        n.put("report_robots", heldOut.reportEpisodes());
        n.put("report_seed", heldOut.reportSeed());
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
