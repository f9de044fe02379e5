package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.TestPendulum;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    @Test
    void resumedRunMakesTheIdenticalNextUpdate(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        while (original.envSteps() < 1200) {
            original.iterate();
        }
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, original, 42, new Checkpoint.RunClock(3.5, 1000, 2.5));

        SacTrainer resumed = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        Checkpoint.RunClock clock = Checkpoint.load(file, resumed, 42);
        assertEquals(new Checkpoint.RunClock(3.5, 1000, 2.5), clock);
        assertEquals(original.envSteps(), resumed.envSteps());
        assertEquals(original.updates(), resumed.updates());

        for (int i = 0; i < 3; i++) {
            original.learn();
            resumed.learn();
        }
        SacState a = SacState.forConfig(c, 3, 1);
        SacState b = SacState.forConfig(c, 3, 1);
        original.engine().exportState(a);
        resumed.engine().exportState(b);
        assertArrayEquals(a.actor, b.actor);
        assertArrayEquals(a.critics, b.critics);
        assertArrayEquals(a.targets, b.targets);
        assertArrayEquals(a.criticV, b.criticV);
        assertEquals(a.logAlpha, b.logAlpha);
        assertEquals(original.losses().criticLoss, resumed.losses().criticLoss);
    }

    @Test
    void sameSeedGivesTheSameRun() {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200");
        float[] first = run(c);
        assertArrayEquals(first, run(c));
    }

    private static float[] run(SacConfig c) {
        SacTrainer t = new SacTrainer(c, new TestPendulum(2), new JavaSacEngine(c, 3, 1, 2), 9);
        while (t.envSteps() < 800) {
            t.iterate();
        }
        SacState s = SacState.forConfig(c, 3, 1);
        t.engine().exportState(s);
        return s.actor;
    }
}
