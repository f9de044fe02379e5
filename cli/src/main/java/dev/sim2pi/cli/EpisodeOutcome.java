package dev.sim2pi.cli;

/**
 * How one evaluation episode of a policy went.
 *
 * @param episode    index in the evaluation, from 0
 * @param seed       the seed the episode was reset with (see {@link PolicyEpisodes})
 * @param episodeReturn sum of the task's rewards
 * @param length     control steps taken
 * @param terminated whether it ended in a terminal state (the robot fell) rather than at the time limit
 * @param parameters the plant parameters drawn for the episode, in the order of the plant's parameter space
 * @param trueReturn the sum of the rewards on the simulator's true state; equal to {@code episodeReturn}
 *                   unless the episode was rewarded on the robot's state estimate
 */
record EpisodeOutcome(int episode, long seed, double episodeReturn, int length, boolean terminated,
                      double[] parameters, double trueReturn) {
}
