package dev.sim2pi.trainer.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one controller run on a (simulated) robot amounted to, as {@code loop-<label>.json}: loop
 * timing, safety, the referee's score, telemetry. Written by whoever ran the controller, read by
 * {@link RunReport}.
 *
 * @param label            which run (for example {@code before}, {@code after})
 * @param bundle           the bundle it started with
 * @param rateHz           loop rate
 * @param seconds          wall time the loop ran
 * @param jitterHistogram  start-lateness histogram in microseconds (upper edge, count), ascending
 * @param stageP99Micros   p99 duration of each loop stage
 * @param events           safety events by kind (kinds that happened)
 * @param episodeReturn    the task's reward summed over the run on the simulator's true state (NaN on hardware)
 * @param falls            times the robot fell
 * @param framesSent       telemetry frames the publisher took
 * @param framesRecorded   frames the recorder wrote
 */
public record LoopRecord(String label, String bundle, double rateHz, double seconds, long iterations, long overruns,
                         long skippedPeriods, double p50JitterUs, double p99JitterUs, double p999JitterUs,
                         double maxJitterUs, List<Bin> jitterHistogram, Map<String, Double> stageP99Micros,
                         Map<String, Long> events, String state, String faultCause, long watchdogTrips,
                         double episodeReturn, long falls, long framesSent, long framesRecorded) {

    /** Count of values in (previous upper, upperUs]. */
    public record Bin(double upperUs, long count) {
    }

    public void write(Path file) {
        ReportJson.writeObject(file, this);
    }

    public static LoopRecord read(Path file) {
        return ReportJson.readObject(file, LoopRecord.class);
    }
}
