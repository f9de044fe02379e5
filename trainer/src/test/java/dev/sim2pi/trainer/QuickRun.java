package dev.sim2pi.trainer;

import dev.sim2pi.trainer.sac.Evaluator;
import dev.sim2pi.trainer.sac.JavaSacEngine;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacConfigs;
import dev.sim2pi.trainer.sac.SacTrainer;

/** Development harness: trains the test pendulum and prints eval returns with wall time. */
public final class QuickRun {
    public static void main(String[] args) {
        SacConfig c = SacConfigs.defaults("pendulum-v1");
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        long t0 = System.nanoTime();
        TestPendulum env = new TestPendulum(c.numEnvs());
        SacTrainer tr = new SacTrainer(c, env, new JavaSacEngine(c, 3, 1, c.numEnvs()), seed);
        Evaluator ev = new Evaluator(TestPendulum.factory(), c.evalEpisodes(), seed);
        long nextEval = c.evalInterval();
        while (tr.envSteps() < c.maxEnvSteps()) {
            tr.iterate();
            if (tr.envSteps() >= nextEval) {
                nextEval += c.evalInterval();
                var r = ev.evaluate(tr.snapshot());
                System.out.printf("steps=%d t=%.2f eval=%.1f±%.1f nominal=%.1f alpha=%.3f ent=%.2f qloss=%.3f upd=%d%n",
                        tr.envSteps(), (System.nanoTime() - t0) / 1e9, r.mean(), r.std(), r.nominal(),
                        tr.losses().alpha, tr.losses().entropy, tr.losses().criticLoss, tr.updates());
            }
        }
    }
}
