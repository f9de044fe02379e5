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
 * @param framesGivenUp       frames of this session dropped from a full spool or kept past the
 *                            delivery window without a recorder's confirmation (declared to recorders)
 * @param resendFloor         first frame sequence the spool may still send again
 * @param senderFaults        faults of the sender thread (a full disk, an I/O error, a bug), each retried
 * @param lastFault           the last of them, or empty
 * @param framesUnsent        frames still in the ring when {@code close} gave up draining (a disk that stayed full)
 * @param senderRunning       whether the sender thread is alive (false only after close)
 * @param recorderConfirming  whether a recorder confirmed this session (end-to-end confirmation is on)
 */
public record PublisherStats(long framesEnqueued, long framesDropped, long messagesAcked, long messagesSpooled,
                             long messagesSpoolDropped, long reconnects, long retransmissions, long recorderResends,
                             long gapResends,
                             boolean connected, long framesGivenUp, long resendFloor, long senderFaults,
                             String lastFault, long framesUnsent, boolean senderRunning,
                             boolean recorderConfirming) {
}
