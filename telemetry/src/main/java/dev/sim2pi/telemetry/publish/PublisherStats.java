package dev.sim2pi.telemetry.publish;

/**
 * Counters of a publisher, read from any thread.
 *
 * @param framesEnqueued      frames the control thread committed
 * @param framesDropped       frames dropped because the ring was full
 * @param messagesAcked       messages the broker acknowledged
 * @param messagesSpooled     messages stored and not yet acknowledged
 * @param messagesSpoolDropped messages lost because the spool was full
 * @param reconnects          successful connections after the first
 * @param retransmissions     times acknowledged batches no recorder confirmed were sent again
 *                            because confirmations stalled
 * @param recorderResends     times they were sent again at once because a recorder re-subscribed
 * @param gapResends          times they were sent again because a recorder reported frames missing
 *                            below ones it stored
 * @param connected           whether the broker is reachable now
 */
public record PublisherStats(long framesEnqueued, long framesDropped, long messagesAcked, long messagesSpooled,
                             long messagesSpoolDropped, long reconnects, long retransmissions, long recorderResends,
                             long gapResends,
                             boolean connected) {
}
