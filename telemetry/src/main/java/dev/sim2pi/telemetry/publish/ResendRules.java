package dev.sim2pi.telemetry.publish;

/**
 * When batches the broker acknowledged but no recorder confirmed go out again: at once when a
 * recorder re-subscribed (a restarted broker may have lost what it took meanwhile), once per gap a
 * recorder reports, and when confirmations have stalled while such batches wait (a lost tail),
 * backing off while they keep stalling. Sender thread only.
 */
final class ResendRules {

    /**
     * When a recorder's confirmations have not advanced for this long while batches the broker
     * acknowledged this long ago wait for them, the broker lost those batches: resend. A recorder
     * that is merely behind keeps advancing and triggers nothing. Losses followed by later
     * batches are repaired sooner, from the recorder's gap reports; this covers a lost tail.
     */
    static final long RETRANSMIT_NANOS = 3_000_000_000L;

    /** What to do about a reported gap. */
    enum GapAction { NONE, RESEND, DECLARE_FLOOR }

    private boolean retransmitting;
    private boolean stalled;
    private long lastConfirmed = -1;
    private long lastConfirmAdvanceNanos;
    private long retransmitAfter = RETRANSMIT_NANOS;
    private long lastGapResendAfter = -1;
    private long lastGapResendNanos;
    private volatile long stallResends;
    private volatile long recorderResends;
    private volatile long gapResends;

    ResendRules(long nowNanos) {
        lastConfirmAdvanceNanos = nowNanos;
    }

    /** The connection was lost: the spool rewinds anyway. */
    void connectionLost() {
        retransmitting = false;
        stalled = false;
    }

    void confirmed(long through, long nowNanos) {
        if (through != lastConfirmed) {
            lastConfirmed = through;
            lastConfirmAdvanceNanos = nowNanos;
            retransmitAfter = RETRANSMIT_NANOS;
        }
    }

    void recorderCameBack() {
        retransmitting = true;
        recorderResends++;
    }

    /**
     * A recorder stored frames after {@code gap} but not {@code gap + 1}. One resend per gap:
     * reports of the same gap keep coming until the resent batches arrive. A gap below what the
     * spool still holds cannot be repaired by resending; the floor is declared instead.
     */
    GapAction gap(long gap, long resendFloor, long nowNanos) {
        if (gap < 0 || (gap == lastGapResendAfter && nowNanos - lastGapResendNanos <= RETRANSMIT_NANOS)) {
            return GapAction.NONE;
        }
        lastGapResendAfter = gap;
        lastGapResendNanos = nowNanos;
        if (gap + 1 >= resendFloor) {
            retransmitting = true;
            gapResends++;
            return GapAction.RESEND;
        }
        return GapAction.DECLARE_FLOOR;
    }

    /** Checks for stalled confirmations while acknowledged batches (the oldest acknowledged at {@code oldestAckedAtNanos}) wait. */
    void checkStall(boolean recorderSeen, long oldestAckedAtNanos, long nowNanos) {
        if (recorderSeen && nowNanos - oldestAckedAtNanos > retransmitAfter
                && nowNanos - lastConfirmAdvanceNanos > retransmitAfter) {
            retransmitting = true;
            stalled = true;
            lastConfirmAdvanceNanos = nowNanos;
            // A congested broker delays confirmations too: back off so resends cannot snowball.
            retransmitAfter = Math.min(retransmitAfter * 2, 16 * RETRANSMIT_NANOS);
        }
    }

    /** Whether publishing new batches waits for a resend to start (it starts once nothing is in flight). */
    boolean retransmitting() {
        return retransmitting;
    }

    /** The resend starts now (the spool rewinds): counts a stall-caused one. */
    void rewound() {
        retransmitting = false;
        if (stalled) {
            stallResends++;
            stalled = false;
        }
    }

    long stallResends() {
        return stallResends;
    }

    long recorderResends() {
        return recorderResends;
    }

    long gapResends() {
        return gapResends;
    }
}
