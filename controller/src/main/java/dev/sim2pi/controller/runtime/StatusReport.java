package dev.sim2pi.controller.runtime;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.rollout.Release;
import dev.sim2pi.controller.rollout.RollbackGuard;
import dev.sim2pi.controller.rollout.RolloutState;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.RecentEvent;
import java.util.ArrayDeque;

/**
 * The controller's part of the retained status ({@link ControllerStatus}): running bundle, uptime,
 * loop and safety counters, the latest safety events and the release history. Built on the event
 * thread, never the loop's.
 */
final class StatusReport {

    /** Safety events listed in the status. */
    static final int RECENT = 5;

    private final ControlLoop loop;
    private final RollbackGuard guard;
    private final long startedUnixMillis;
    private final ArrayDeque<RecentEvent> recent = new ArrayDeque<>();

    StatusReport(ControlLoop loop, RollbackGuard guard, long startedUnixMillis) {
        this.loop = loop;
        this.guard = guard;
        this.startedUnixMillis = startedUnixMillis;
    }

    void safetyEvent(String kind, long unixMillis) {
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(RecentEvent.newBuilder().setKind(kind).setUnixMillis(unixMillis).build());
    }

    ControllerStatus build() {
        ControllerStatus.Builder b = ControllerStatus.newBuilder().setPolicyId(loop.policyId())
                .setStartedUnixMillis(startedUnixMillis).setIterations(loop.iterations()).setOverruns(loop.overruns())
                .setSafetyEvents(loop.events().safetyTotal()).addAllRecentSafetyEvents(recent);
        if (guard != null) {
            RolloutState s = guard.state();
            Release r = s.running();
            b.setBundleSha256(r.sha256()).setBundleVersion(r.version()).setBundleParent(r.parent() == null ? "" : r.parent())
                    .setRollbacks(s.rollbacks()).addAllRefusedCandidates(s.refusedCandidates());
            if (s.probation() != null) {
                b.setProbationSha256(s.probation().sha256())
                        .setProbationEndsUnixMillis(System.currentTimeMillis() + s.probationLeftNanos() / 1_000_000);
            }
        }
        return b.build();
    }
}
