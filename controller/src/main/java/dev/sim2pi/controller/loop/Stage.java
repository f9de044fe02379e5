package dev.sim2pi.controller.loop;

/** The stages of one control period, in order; each is timed. */
public enum Stage {
    READ, OBSERVE, INFER, SAFETY, WRITE, PUBLISH;

    /** Lower-case name, as telemetry and summaries print it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Stages a telemetry frame carries (the publish stage cannot time itself into its own frame). */
    public static java.util.List<String> frameStageNames() {
        return java.util.List.of("read", "observe", "infer", "safety", "write");
    }
}
