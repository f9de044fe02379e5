package dev.sim2pi.controller.rollout;

import java.util.List;

/**
 * The release history at one moment, for the controller's status.
 *
 * @param running            the bundle running (or swapping in)
 * @param previous           the bundle kept for a rollback, or null
 * @param rollbacks          automatic rollbacks so far
 * @param refusedCandidates  {@code onnx.sha256} of candidates rolled back, loaded again only when forced
 * @param probation          the candidate on probation, or null
 * @param probationLeftNanos time left of its probation (0 when none)
 */
public record RolloutState(Release running, Release previous, int rollbacks, List<String> refusedCandidates,
                           Release probation, long probationLeftNanos) {

    public RolloutState {
        refusedCandidates = List.copyOf(refusedCandidates);
    }
}
