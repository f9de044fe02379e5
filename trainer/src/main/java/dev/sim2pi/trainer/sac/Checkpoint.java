package dev.sim2pi.trainer.sac;

import dev.sim2pi.models.InputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves and restores everything a run needs to continue: actor, critics, targets, Adam moments,
 * temperature, normalizer statistics, replay contents and position, the random stream and the
 * loop counters, plus the run's clock. Environments start fresh episodes on resume (the
 * simulator's episode state is not part of it); every learner update after a resume is the one
 * the uninterrupted run would have made from the same replay contents.
 */
public final class Checkpoint {

    private static final String MAGIC = "sim2pi-sac-checkpoint";
    private static final int VERSION = 2;

    /**
     * The run's own progress stored beside the learner.
     *
     * @param wallSeconds         seconds the run had been going (command time) when saved
     * @param solvedAtEnvSteps    env steps of the first solved evaluation, -1 if none yet
     * @param solvedAtWallSeconds wall seconds of that evaluation
     */
    public record RunClock(double wallSeconds, long solvedAtEnvSteps, double solvedAtWallSeconds) {
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint of {@code trainer} (atomically: a temporary file is moved into place). */
    public static void save(Path file, SacTrainer trainer, long seed, RunClock clock) throws IOException {
        SacConfig config = trainer.config();
        ReplayBuffer replay = trainer.replay();
        SacState state = SacState.forConfig(config, replay.observationSize(), replay.actionSize());
        trainer.engine().exportState(state);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(identity(config));
            out.writeLong(seed);
            out.writeLong(trainer.envSteps());
            out.writeLong(trainer.updates());
            out.writeDouble(trainer.updateCredit());
            out.writeLong(trainer.episodes());
            out.writeDouble(clock.wallSeconds());
            out.writeLong(clock.solvedAtEnvSteps());
            out.writeDouble(clock.solvedAtWallSeconds());
            writeState(out, state);
            ObservationNormalizer norm = trainer.normalizer();
            out.writeLong(norm.count());
            writeDoubles(out, norm.statistics());
            out.writeInt(replay.position());
            out.writeInt(replay.size());
            int n = replay.size();
            writeFloats(out, replay.observations, n * replay.observationSize());
            writeFloats(out, replay.actions, n * replay.actionSize());
            writeFloats(out, replay.rewards, n);
            writeFloats(out, replay.nextObservations, n * replay.observationSize());
            writeFloats(out, replay.discounts, n);
            writeFloats(out, replay.demonstrated, n);
            for (long word : trainer.rng().state()) {
                out.writeLong(word);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores {@code trainer} (built with the same config and seed) from {@code file}; returns the run's clock. */
    public static RunClock load(Path file, SacTrainer trainer, long seed) throws IOException {
        SacConfig config = trainer.config();
        ReplayBuffer replay = trainer.replay();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new InputException("checkpoint " + file + ": not a sim2pi SAC checkpoint of version " + VERSION);
            }
            String savedConfig = in.readUTF();
            if (!savedConfig.equals(identity(config))) {
                throw new InputException("checkpoint " + file + ": made with another configuration (only "
                        + "max_env_steps may change on resume); this run has " + identity(config)
                        + " but the checkpoint " + savedConfig);
            }
            long savedSeed = in.readLong();
            if (savedSeed != seed) {
                throw new InputException("checkpoint " + file + ": made with --seed " + savedSeed + ", not " + seed);
            }
            long envSteps = in.readLong();
            long updates = in.readLong();
            double credit = in.readDouble();
            long episodes = in.readLong();
            RunClock clock = new RunClock(in.readDouble(), in.readLong(), in.readDouble());
            SacState state = SacState.forConfig(config, replay.observationSize(), replay.actionSize());
            readState(in, state);
            trainer.engine().importState(state);
            long count = in.readLong();
            double[] stats = new double[2 * replay.observationSize()];
            readDoubles(in, stats);
            trainer.normalizer().restore(stats, count);
            int position = in.readInt();
            int n = in.readInt();
            readFloats(in, replay.observations, n * replay.observationSize());
            readFloats(in, replay.actions, n * replay.actionSize());
            readFloats(in, replay.rewards, n);
            readFloats(in, replay.nextObservations, n * replay.observationSize());
            readFloats(in, replay.discounts, n);
            readFloats(in, replay.demonstrated, n);
            replay.restore(position, n);
            long[] rng = new long[6];
            for (int i = 0; i < rng.length; i++) {
                rng[i] = in.readLong();
            }
            trainer.rng().restore(rng);
            trainer.restoreCounters(envSteps, updates, credit, episodes, seed ^ (envSteps * 0x9e3779b97f4a7c15L));
            return clock;
        }
    }

    /** The settings a resumed run must share with the checkpoint: all but the run length. */
    private static String identity(SacConfig config) {
        return config.withMaxEnvSteps(1).toString();
    }

    private static void writeState(DataOutputStream out, SacState s) throws IOException {
        for (float[] a : new float[][] {s.actor, s.critics, s.targets, s.actorM, s.actorV, s.criticM, s.criticV}) {
            writeFloats(out, a, a.length);
        }
        out.writeLong(s.actorSteps);
        out.writeLong(s.criticSteps);
        out.writeFloat(s.logAlpha);
        out.writeFloat(s.alphaM);
        out.writeFloat(s.alphaV);
        out.writeLong(s.alphaSteps);
        out.writeLong(s.updates);
    }

    private static void readState(DataInputStream in, SacState s) throws IOException {
        for (float[] a : new float[][] {s.actor, s.critics, s.targets, s.actorM, s.actorV, s.criticM, s.criticV}) {
            readFloats(in, a, a.length);
        }
        s.actorSteps = in.readLong();
        s.criticSteps = in.readLong();
        s.logAlpha = in.readFloat();
        s.alphaM = in.readFloat();
        s.alphaV = in.readFloat();
        s.alphaSteps = in.readLong();
        s.updates = in.readLong();
    }

    private static void writeFloats(DataOutputStream out, float[] a, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            out.writeFloat(a[i]);
        }
    }

    private static void readFloats(DataInputStream in, float[] a, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static void readDoubles(DataInputStream in, double[] a) throws IOException {
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
    }
}
