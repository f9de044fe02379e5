package dev.sim2pi.trainer.sac;

import dev.sim2pi.models.testing.Allocations;
import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.TestPendulum;
import org.junit.jupiter.api.Test;

class SacTrainerAllocationTest {

    @Test
    void collectAndLearnIterationAllocatesNothingAfterWarmUp() {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 100, \"n_step\": 3");
        SacTrainer trainer = new SacTrainer(c, new TestPendulum(4), new JavaSacEngine(c, 3, 1, 4), 1);
        for (int i = 0; i < 500; i++) {
            trainer.iterate();
        }
        Allocations.assertSomeWindowAllocatesNothing("200 collect-and-learn iterations", () -> {
            for (int i = 0; i < 200; i++) {
                trainer.iterate();
            }
        }, 10);
    }
}
