package dev.sim2pi.controller.command;

/** Why the command channel refused a command; {@link #code()} goes into the acknowledgement. */
public enum Refusal {
    /** Larger than the channel accepts from the network. */
    OVERSIZED,
    /** Not a command message, or a field missing, out of range or of the wrong shape. */
    MALFORMED,
    /** No signature on a command that needs one (all but stop and e-stop). */
    UNSIGNED,
    /** Signed by a key the robot does not trust. */
    UNTRUSTED_KEY,
    /** The signature does not verify: the command was altered or forged. */
    BAD_SIGNATURE,
    /** Its timestamp is outside the robot's window (too old, or from the future). */
    STALE,
    /** Its nonce was seen before. */
    REPLAYED,
    /** A load names a published bundle the robot does not hold. */
    UNKNOWN_BUNDLE,
    /** The bundle failed verification (signature, hash, task, layouts, golden outputs). */
    BUNDLE_REFUSED,
    /** Another bundle is still being verified. */
    BUSY,
    /** The command passed every check and the controller declined it (for example, arm while faulted). */
    CONTROLLER_REFUSED,
    /** The bundle is older than the running one, or another model of the same version (anti-rollback; force overrides). */
    OLDER_VERSION,
    /** The bundle was rolled back on this robot before and is not loaded again unless forced. */
    ROLLED_BACK_BEFORE,
    /** The bundle is the one running. */
    ALREADY_RUNNING,
    /** A candidate is still on probation after its swap (force overrides). */
    ON_PROBATION,
    /** Verdict on a loaded bundle: it misbehaved on probation and the previous one runs again. */
    ROLLED_BACK;

    /** Lower snake case, as sent in {@code CommandAck.reason}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
