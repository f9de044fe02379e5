package dev.sim2pi.trainer.finetune;

import java.nio.file.Path;

/**
 * What a fine-tuning run made and measured. Returns are true-state returns averaged over the same
 * {@code scoreEpisodes} episodes for the parent and the result; the twin ones are NaN without a twin.
 *
 * @param bundleDir           the new bundle
 * @param version             its release number (the parent's plus one)
 * @param returnBefore        the parent on the twin
 * @param returnAfter         the result on the twin
 * @param returnNominalBefore the parent on the nominal training robot
 * @param returnNominalAfter  the result on the nominal training robot
 * @param minutes             wall minutes of the whole run
 * @param seed                run seed
 * @param updates             gradient updates made
 * @param envSteps            simulated env steps collected
 * @param realTransitions     recorded transitions learned from
 * @param warmStart           how the learner started, in words
 */
public record FinetuneResult(Path bundleDir, int version, double returnBefore, double returnAfter,
                             double returnNominalBefore, double returnNominalAfter, double minutes, long seed,
                             long updates, long envSteps, int realTransitions, String warmStart) {
}
