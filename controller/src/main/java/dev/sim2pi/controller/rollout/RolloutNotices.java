package dev.sim2pi.controller.rollout;

/** Where the rollback judge reports what it decided (the events topic, through the event thread). */
@FunctionalInterface
public interface RolloutNotices {

    /** {@code kind} in lower snake case ({@code policy_probation}, {@code policy_kept}, {@code policy_rolled_back}). */
    void event(String kind, String message);

    RolloutNotices NONE = (kind, message) -> {
    };
}
