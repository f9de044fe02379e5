package dev.sim2pi.trainer.sac;

import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.nn.MlpShape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Saves and restores everything a run needs to continue: actor, critics, targets, Adam moments,
 * temperature, normalizer statistics, replay contents and position, the random stream, the loop
 * counters, and the run's progress (clock, solved mark, latest evaluation and best actor so far).
 * Environments start fresh episodes on resume (the simulator's episode state is not part of it);
 * every learner update after a resume is the one the uninterrupted run would have made from the
 * same replay contents.
 *
 * <p>{@link #load} resumes the same run (same configuration but the run length, same seed).
 * {@link #warmStart} starts a new run, with another seed and other settings, from a checkpoint's
 * learner: only the task and the network shapes must match. Version 2 files (before the progress
 * and shapes were stored) still resume, with no best actor carried over.
 */
public final class Checkpoint {

    private static final String MAGIC = "sim2pi-sac-checkpoint";
    private static final int VERSION = 3;
    private static final int OLDEST_RESUMABLE = 2;

    /**
     * Where a warm-started learner came from, for the new run's provenance.
     *
     * @param config   the checkpoint run's settings (all but the run length)
     * @param seed     its seed
     * @param envSteps env steps it had trained
     * @param updates  gradient updates it had made
     */
    public record Origin(String config, long seed, long envSteps, long updates) {
    }

    /** Everything before the learner state. */
    private record Header(int version, String identity, long seed, String task, int[] actorWidths,
                          int[] criticWidths, boolean normalize, long envSteps, long updates, double credit,
                          long episodes, double wallSeconds, long solvedAtEnvSteps, double solvedAtWallSeconds) {
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint of {@code trainer} (atomically: a temporary file is moved into place). */
    public static void save(Path file, SacTrainer trainer, long seed, RunProgress progress) throws IOException {
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
            out.writeUTF(config.task());
            writeInts(out, widths(state.actorShape));
            writeInts(out, widths(state.criticShape));
            out.writeBoolean(config.normalizeObservations());
            out.writeLong(trainer.envSteps());
            out.writeLong(trainer.updates());
            out.writeDouble(trainer.updateCredit());
            out.writeLong(trainer.episodes());
            out.writeDouble(progress.wallSeconds());
            out.writeLong(progress.solvedAtEnvSteps());
            out.writeDouble(progress.solvedAtWallSeconds());
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
            writeResult(out, progress.last());
            EvaluatedPolicy best = progress.best();
            out.writeBoolean(best != null);
            if (best != null) {
                out.writeLong(best.envSteps());
                writeResult(out, best.result());
                PolicySnapshot p = best.policy();
                writeInts(out, widths(p.actorShape()));
                writeArray(out, p.actor());
                writeArray(out, p.obsMean());
                writeArray(out, p.obsStd());
                writeArray(out, p.actionLow());
                writeArray(out, p.actionHigh());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Resumes {@code trainer} (built with the same config, up to the run length, and the same
     * seed) from {@code file}; returns the run's progress.
     */
    public static RunProgress load(Path file, SacTrainer trainer, long seed) throws IOException {
        SacConfig config = trainer.config();
        ReplayBuffer replay = trainer.replay();
        try (DataInputStream in = open(file)) {
            Header h = readHeader(file, in);
            if (!h.identity().equals(identity(config))) {
                throw new InputException("checkpoint " + file + ": made with another configuration (only "
                        + "max_env_steps may change on resume); this run has " + identity(config)
                        + " but the checkpoint " + h.identity());
            }
            if (h.seed() != seed) {
                throw new InputException("checkpoint " + file + ": made with --seed " + h.seed() + ", not " + seed);
            }
            SacState state = SacState.forConfig(config, replay.observationSize(), replay.actionSize());
            readState(in, state);
            trainer.engine().importState(state);
            readNormalizer(in, trainer.normalizer(), replay.observationSize());
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
            Evaluator.Result last = null;
            EvaluatedPolicy best = null;
            if (h.version() >= 3) {
                last = readResult(in);
                if (in.readBoolean()) {
                    long bestSteps = in.readLong();
                    Evaluator.Result bestResult = readResult(in);
                    MlpShape shape = new MlpShape(readInts(in));
                    PolicySnapshot policy = new PolicySnapshot(shape, readFloatArray(in), readFloatArray(in),
                            readFloatArray(in), readDoubleArray(in), readDoubleArray(in));
                    best = new EvaluatedPolicy(bestSteps, bestResult, policy);
                }
            }
            trainer.restoreCounters(h.envSteps(), h.updates(), h.credit(), h.episodes(),
                    seed ^ (h.envSteps() * 0x9e3779b97f4a7c15L));
            return new RunProgress(h.wallSeconds(), h.solvedAtEnvSteps(), h.solvedAtWallSeconds(), last, best);
        } catch (EOFException e) {
            throw new InputException("checkpoint " + file + ": ends early (truncated file?)");
        }
    }

    /**
     * Starts {@code trainer}'s learner from the one in {@code file}, made by another run: actor,
     * critics, targets, their Adam moments, the temperature and the observation statistics. The
     * new run's settings (learning rates, batch size, buffer size, gamma, n-step, environments,
     * seed, run length) may all differ; the task, the network widths and whether observations are
     * normalized must match. The replay contents, random stream, counters and progress are not
     * carried over: the new run collects its own data and counts from zero. Call it right after
     * constructing the trainer.
     */
    public static Origin warmStart(Path file, SacTrainer trainer) throws IOException {
        SacConfig config = trainer.config();
        ReplayBuffer replay = trainer.replay();
        SacState state = SacState.forConfig(config, replay.observationSize(), replay.actionSize());
        try (DataInputStream in = open(file)) {
            Header h = readHeader(file, in);
            if (h.version() < 3) {
                throw new InputException("checkpoint " + file + ": version " + h.version()
                        + " does not record its network shapes; only its own run can resume it (--resume)");
            }
            String where = "checkpoint " + file + ": ";
            if (!h.task().equals(config.task())) {
                throw new InputException(where + "trained task '" + h.task() + "', this run trains '" + config.task() + "'");
            }
            requireSame(where + "actor", h.actorWidths(), widths(state.actorShape), "actor_hidden");
            requireSame(where + "critics", h.criticWidths(), widths(state.criticShape), "critic_hidden");
            if (h.normalize() != config.normalizeObservations()) {
                throw new InputException(where + "normalize_observations was " + h.normalize()
                        + "; its networks expect inputs prepared that way, so this run must use the same");
            }
            readState(in, state);
            trainer.engine().importState(state);
            readNormalizer(in, trainer.normalizer(), replay.observationSize());
            return new Origin(h.identity(), h.seed(), h.envSteps(), h.updates());
        } catch (EOFException e) {
            throw new InputException("checkpoint " + file + ": ends early (truncated file?)");
        }
    }

    /** The settings a resumed run must share with the checkpoint: all but the run length. */
    private static String identity(SacConfig config) {
        return config.withMaxEnvSteps(1).toString();
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static Header readHeader(Path file, DataInputStream in) throws IOException {
        String magic;
        int version;
        try {
            magic = in.readUTF();
            version = in.readInt();
        } catch (IOException e) {
            magic = null;
            version = -1;
        }
        if (!MAGIC.equals(magic) || version < OLDEST_RESUMABLE || version > VERSION) {
            throw new InputException("checkpoint " + file + ": not a sim2pi SAC checkpoint of version "
                    + OLDEST_RESUMABLE + " to " + VERSION);
        }
        String identity = in.readUTF();
        long seed = in.readLong();
        String task = null;
        int[] actor = null;
        int[] critic = null;
        boolean normalize = false;
        if (version >= 3) {
            task = in.readUTF();
            actor = readInts(in);
            critic = readInts(in);
            normalize = in.readBoolean();
        }
        return new Header(version, identity, seed, task, actor, critic, normalize, in.readLong(), in.readLong(),
                in.readDouble(), in.readLong(), in.readDouble(), in.readLong(), in.readDouble());
    }

    private static void requireSame(String what, int[] saved, int[] wanted, String field) {
        if (!Arrays.equals(saved, wanted)) {
            throw new InputException(what + " widths are " + joined(saved) + " but this run's are " + joined(wanted)
                    + "; a warm start needs the same '" + field + "' and task");
        }
    }

    private static String joined(int[] widths) {
        return String.join("x", Arrays.stream(widths).mapToObj(Integer::toString).toList());
    }

    private static int[] widths(MlpShape shape) {
        int[] w = new int[shape.layers() + 1];
        for (int k = 0; k < w.length; k++) {
            w[k] = shape.size(k);
        }
        return w;
    }

    private static void readNormalizer(DataInputStream in, ObservationNormalizer norm, int obsSize) throws IOException {
        long count = in.readLong();
        double[] stats = new double[2 * obsSize];
        readDoubles(in, stats);
        norm.restore(stats, count);
    }

    private static void writeResult(DataOutputStream out, Evaluator.Result r) throws IOException {
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeDouble(r.mean());
            out.writeDouble(r.std());
            out.writeDouble(r.nominal());
        }
    }

    private static Evaluator.Result readResult(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Evaluator.Result(in.readDouble(), in.readDouble(), in.readDouble()) : null;
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

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[lengthOf(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static void writeArray(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        writeFloats(out, a, a.length);
    }

    private static float[] readFloatArray(DataInputStream in) throws IOException {
        float[] a = new float[lengthOf(in)];
        readFloats(in, a, a.length);
        return a;
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        writeDoubles(out, a);
    }

    private static double[] readDoubleArray(DataInputStream in) throws IOException {
        double[] a = new double[lengthOf(in)];
        readDoubles(in, a);
        return a;
    }

    /** A stored array length, refused when negative or absurd (a corrupt file must not allocate gigabytes). */
    private static int lengthOf(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) {
            throw new InputException("checkpoint: corrupt array length " + n);
        }
        return n;
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
