package dev.sim2pi.trainer.run;

/**
 * One row of {@code metrics.csv}: an evaluation and the learner's state when its policy was
 * snapshotted.
 *
 * @param envSteps           env steps trained when the policy was snapshotted
 * @param wallSeconds        seconds since the command started when the evaluation finished
 * @param evalReturnMean     mean deterministic return over the selection robots (the ones that choose the exported actor)
 * @param evalReturnStd      their standard deviation
 * @param nominalReturn      return of the nominal-model episode
 * @param updates            gradient updates done
 * @param criticLoss         latest critic loss
 * @param actorLoss          latest actor loss
 * @param alpha              temperature
 * @param entropy            policy entropy estimate
 * @param trainEpisodeReturn latest finished training episode's return (with exploration), NaN if none
 */
public record EvalRecord(long envSteps, double wallSeconds, double evalReturnMean, double evalReturnStd,
                         double nominalReturn, long updates, double criticLoss, double actorLoss, double alpha,
                         double entropy, double trainEpisodeReturn) {

    static final String HEADER = "env_steps,wall_seconds,eval_return_mean,eval_return_std,eval_return_nominal,"
            + "updates,critic_loss,actor_loss,alpha,entropy,train_episode_return";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.3f,%.3f,%.3f,%.3f,%d,%.6g,%.6g,%.6g,%.6g,%.3f",
                envSteps, wallSeconds, evalReturnMean, evalReturnStd, nominalReturn, updates, criticLoss, actorLoss,
                alpha, entropy, trainEpisodeReturn);
    }

    static EvalRecord parse(String line) {
        String[] f = line.split(",");
        return new EvalRecord(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]));
    }
}
