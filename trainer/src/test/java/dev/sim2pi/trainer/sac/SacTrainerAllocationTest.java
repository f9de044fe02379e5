package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.TestPendulum;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class SacTrainerAllocationTest {

    @Test
    void collectAndLearnIterationAllocatesNothingAfterWarmUp() {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 100, \"n_step\": 3");
        SacTrainer trainer = new SacTrainer(c, new TestPendulum(4), new JavaSacEngine(c, 3, 1, 4), 1);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocated = -1;
        for (int attempt = 0; attempt < 10 && allocated != 0; attempt++) {
            for (int i = 0; i < 500; i++) {
                trainer.iterate();
            }
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 200; i++) {
                trainer.iterate();
            }
            allocated = threads.getThreadAllocatedBytes(id) - before;
        }
        assertEquals(0, allocated, "bytes allocated by 200 iterations");
    }
}
