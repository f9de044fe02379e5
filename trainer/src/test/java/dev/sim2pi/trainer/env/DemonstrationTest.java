package dev.sim2pi.trainer.env;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.sac.Engines;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacTrainer;
import org.junit.jupiter.api.Test;

/** Demonstrations: the balancer's controller is competent on randomized robots; tasks without one refuse. */
class DemonstrationTest {

    @Test
    void theBalancerDemonstratorStaysUpAndTracksOnRandomizedRobots() {
        try (TrainingEnv env = SimEnvFactory.forTask("balancer").create(4)) {
            Demonstrator demo = env.demonstrator();
            env.reset(42);
            double[] actions = new double[env.numEnvs() * env.actionSize()];
            double[] returns = new double[env.numEnvs()];
            int falls = 0;
            for (int k = 0; k < 1000; k++) {
                demo.act(actions);
                env.step(actions);
                for (int e = 0; e < env.numEnvs(); e++) {
                    returns[e] += env.rewards()[e];
                    falls += env.terminated()[e] ? 1 : 0;
                }
            }
            double mean = (returns[0] + returns[1] + returns[2] + returns[3]) / 4;
            // A robot that only stands scores ~730, one that tracks the commands 850 and more.
            assertTrue(falls == 0, falls + " falls");
            assertTrue(mean > 850, "mean demonstrated return " + mean);
        }
    }

    @Test
    void demonstrationsForATaskWithoutAControllerAreRefusedNamingTheField() {
        SacConfig config = TestConfigs.pendulum("\"demonstration_steps\": 1000, \"demonstration_fraction\": 0.5");
        try (TrainingEnv env = SimEnvFactory.forTask("pendulum-v1").create(1)) {
            assertNull(env.demonstrator());
            InputException e = assertThrows(InputException.class,
                    () -> new SacTrainer(config, env, Engines.create(config, "cpu", env.observationSize(), env.actionSize(),
                            1, System.err), 1));
            assertTrue(e.getMessage().contains("demonstration_steps"), e.getMessage());
        }
    }
}
