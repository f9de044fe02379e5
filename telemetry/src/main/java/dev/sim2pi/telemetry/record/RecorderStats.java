package dev.sim2pi.telemetry.record;

/**
 * What a recorder has done so far.
 *
 * @param framesWritten frames stored (each once)
 * @param duplicates    frames received again and skipped
 * @param missing       sequence numbers never received, summed over datasets
 * @param droppedAtSource frames publishers declared dropped before sending (their ring was full),
 *                      so never missing in transit
 * @param malformed     telemetry messages that did not decode, skipped
 * @param oversized     messages above the size limit, skipped
 * @param bytes         bytes of frame files
 * @param robots        distinct robots seen
 * @param datasets      robot sessions recorded
 * @param connected     whether the broker is reachable now
 * @param unavailable   frames publishers gave up on before this recorder stored them (dropped from
 *                      a full spool, past the delivery window, or sent before the recorder joined)
 * @param storeFailures frames that could not be written (disk full, I/O error); never confirmed, so
 *                      their publishers still hold them and send them again
 * @param corruptRecords damaged records skipped when datasets were reopened
 * @param openDatasets  dataset files open now (bounded; idle ones are closed)
 */
public record RecorderStats(long framesWritten, long duplicates, long missing, long droppedAtSource, long malformed, long oversized,
                            long bytes, int robots, int datasets, boolean connected, long unavailable, long storeFailures,
                            long corruptRecords, int openDatasets) {
}
