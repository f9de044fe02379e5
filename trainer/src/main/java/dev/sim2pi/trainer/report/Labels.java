package dev.sim2pi.trainer.report;

import java.util.Map;

/** Readable labels for the keys runs write; a key without one reads with its underscores as spaces. */
final class Labels {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("env_steps", "env steps trained"),
            Map.entry("wall_seconds", "wall time (s)"),
            Map.entry("final_eval_return_mean", "last evaluation: return mean (selection robots)"),
            Map.entry("final_eval_return_std", "last evaluation: return std"),
            Map.entry("solved_at_env_steps", "solved threshold first reached at env steps"),
            Map.entry("solved_at_wall_seconds", "solved threshold first reached at (s)"),
            Map.entry("exported_env_steps", "exported actor: env steps"),
            Map.entry("exported_selection_return_mean", "exported actor: return on selection robots"),
            Map.entry("held_out_return_mean", "exported actor: held-out return mean"),
            Map.entry("held_out_return_std", "exported actor: held-out return std"),
            Map.entry("held_out_return_nominal", "exported actor: return on the nominal robot"),
            Map.entry("return_twin_before", "return on the twin, before"),
            Map.entry("return_twin_after", "return on the twin, after"),
            Map.entry("return_nominal", "return in the nominal sim, before"),
            Map.entry("return_nominal_after", "return in the nominal sim, after"),
            Map.entry("ratio_before", "sim-to-real ratio (twin / nominal), before"),
            Map.entry("ratio_after", "sim-to-real ratio (twin / nominal), after"),
            Map.entry("p99_jitter_us", "loop start jitter p99 (us)"),
            Map.entry("overruns", "loop overruns"),
            Map.entry("frames_sent", "telemetry frames sent"),
            Map.entry("frames_recorded", "telemetry frames recorded"),
            Map.entry("lost", "frames lost"),
            Map.entry("duplicates", "duplicate frames"),
            Map.entry("seconds", "total time (s)"));

    private Labels() {
    }

    static String of(String key) {
        String known = KNOWN.get(key);
        return known != null ? known : key.replace('_', ' ');
    }
}
