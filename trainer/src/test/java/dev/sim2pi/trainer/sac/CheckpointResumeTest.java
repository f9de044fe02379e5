package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
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
        Checkpoint.save(file, original, 42, RunProgress.clockOnly(3.5, 1000, 2.5));

        SacTrainer resumed = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        RunProgress clock = Checkpoint.load(file, resumed, 42);
        assertEquals(RunProgress.clockOnly(3.5, 1000, 2.5), clock);
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
    void bestActorAndLatestEvaluationSurviveACheckpoint(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        while (original.envSteps() < 600) {
            original.iterate();
        }
        EvaluatedPolicy best = new EvaluatedPolicy(600, new Evaluator.Result(-150.5, 12.25, -120.0), original.snapshot());
        while (original.envSteps() < 900) {
            original.iterate();
        }
        Evaluator.Result last = new Evaluator.Result(-400.0, 30.0, -390.5);
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, original, 42, new RunProgress(7.5, 600, 6.0, last, best));

        SacTrainer resumed = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        RunProgress p = Checkpoint.load(file, resumed, 42);
        assertEquals(last, p.last());
        assertNotNull(p.best());
        assertEquals(600, p.best().envSteps());
        assertEquals(best.result(), p.best().result());
        PolicySnapshot a = best.policy();
        PolicySnapshot b = p.best().policy();
        assertArrayEquals(a.actor(), b.actor());
        assertArrayEquals(a.obsMean(), b.obsMean());
        assertArrayEquals(a.obsStd(), b.obsStd());
        assertArrayEquals(a.actionLow(), b.actionLow());
        assertArrayEquals(a.actionHigh(), b.actionHigh());
        assertEquals(a.actorShape().parameterCount(), b.actorShape().parameterCount());
        // The restored best is the actor of step 600, not the learner's current one.
        float[] current = resumed.snapshot().actor();
        assertTrue(!java.util.Arrays.equals(current, b.actor()), "best must be the earlier actor");
    }

    /** A version-2 file (no shapes in its header, no progress at its end) still resumes, with no best actor. */
    @Test
    void versionTwoCheckpointsStillResume(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        while (original.envSteps() < 500) {
            original.iterate();
        }
        Path v3 = dir.resolve("v3.bin");
        Checkpoint.save(v3, original, 42, RunProgress.clockOnly(2.0, -1, Double.NaN));
        Path v2 = dir.resolve("v2.bin");
        java.nio.file.Files.write(v2, asVersionTwo(java.nio.file.Files.readAllBytes(v3)));

        SacTrainer resumed = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        RunProgress p = Checkpoint.load(v2, resumed, 42);
        assertEquals(RunProgress.clockOnly(2.0, -1, Double.NaN), p);
        assertEquals(500, resumed.envSteps());
        original.learn();
        resumed.learn();
        assertEquals(original.losses().criticLoss, resumed.losses().criticLoss);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.warmStart(v2, resumed));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    /** The version-2 layout of a version-3 file with no progress: drops the header's shapes and the two trailing flags. */
    private static byte[] asVersionTwo(byte[] v3) throws java.io.IOException {
        var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(v3));
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(bytes);
        out.writeUTF(in.readUTF());
        in.readInt();
        out.writeInt(2);
        out.writeUTF(in.readUTF());
        out.writeLong(in.readLong());
        in.readUTF();
        for (int k = 0; k < 2; k++) {
            int n = in.readInt();
            in.skipNBytes(4L * n);
        }
        in.readBoolean();
        byte[] rest = in.readAllBytes();
        out.write(rest, 0, rest.length - 2);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void resumeRefusesAnotherConfiguration(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        original.iterate();
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, original, 42, RunProgress.clockOnly(1, -1, Double.NaN));
        SacConfig other = TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer t = new SacTrainer(other, new TestPendulum(1), new JavaSacEngine(other, 3, 1, 1), 42);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.load(file, t, 42));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    /** A new run with other settings and seed takes over the learner, not the data or the counters. */
    @Test
    void warmStartCarriesTheLearnerIntoARunWithOtherSettings(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        while (original.envSteps() < 1200) {
            original.iterate();
        }
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, original, 42, RunProgress.clockOnly(3.5, -1, Double.NaN));

        SacConfig other = TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 100, \"buffer_size\": 500, "
                + "\"num_envs\": 2, \"gamma\": 0.98, \"n_step\": 3, \"actor_lr\": 0.0003, \"critic_lr\": 0.0003");
        SacTrainer fine = new SacTrainer(other, new TestPendulum(2), new JavaSacEngine(other, 3, 1, 2), 7);
        Checkpoint.Origin origin = Checkpoint.warmStart(file, fine);
        assertEquals(42, origin.seed());
        assertEquals(1200, origin.envSteps());
        assertEquals(original.updates(), origin.updates());
        SacState a = SacState.forConfig(c, 3, 1);
        SacState b = SacState.forConfig(other, 3, 1);
        original.engine().exportState(a);
        fine.engine().exportState(b);
        assertArrayEquals(a.actor, b.actor);
        assertArrayEquals(a.critics, b.critics);
        assertArrayEquals(a.targets, b.targets);
        assertArrayEquals(a.criticM, b.criticM);
        assertEquals(a.logAlpha, b.logAlpha);
        assertArrayEquals(original.normalizer().frozenMean(), fine.normalizer().frozenMean());
        assertArrayEquals(original.normalizer().frozenStd(), fine.normalizer().frozenStd());
        assertEquals(0, fine.envSteps());
        assertEquals(0, fine.replay().size(), "the new run collects its own data");
        while (fine.envSteps() < 300) {
            fine.iterate();
        }
        assertTrue(fine.updates() > 0, "and trains on from there");
    }

    @Test
    void warmStartRefusesOtherNetworkShapesNamingTheField(@TempDir Path dir) throws Exception {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer original = new SacTrainer(c, new TestPendulum(1), new JavaSacEngine(c, 3, 1, 1), 42);
        original.iterate();
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, original, 42, RunProgress.clockOnly(1, -1, Double.NaN));
        SacConfig wider = TestConfigs.pendulum("\"actor_hidden\": [32, 32]");
        SacTrainer t = new SacTrainer(wider, new TestPendulum(1), new JavaSacEngine(wider, 3, 1, 1), 1);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.warmStart(file, t));
        assertTrue(e.getMessage().contains("actor_hidden") && e.getMessage().contains("3x64x64x2"), e.getMessage());
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
