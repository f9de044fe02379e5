package dev.sim2pi.trainer.real;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.estimate.EstimatedReward;
import dev.sim2pi.models.estimate.StateEstimator;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Transitions} from recorded datasets ({@code <robot>/<session>/} directories, one
 * session each, as the recorder writes them). A transition joins two frames of one robot, session
 * and controller run whose sequence numbers follow each other while the loop drove the actuators;
 * nothing is bridged across a lost frame, a restart or a session boundary. The reward and
 * termination come from the task's state estimator over the recorded raw readings, restarted at
 * the beginning of each stretch; an episode ends when the estimate says terminal, and the next
 * starts at the first frame whose estimate is back inside the limits.
 */
public final class DatasetTransitions {

    /** The transitions and what reading them found. */
    public record Result(Transitions transitions, TransitionReport report) {
    }

    private final RobotTask task;
    private final EstimatedReward scoring;
    private final Transitions out;
    private final double[] sensors;
    private final double[] before;
    private final double[] after;
    private final float[] obs;
    private final float[] nextObs;
    private final float[] command;
    private final double[] commandValues;
    private final List<String> policyIds = new ArrayList<>();
    private int datasets;
    private long frames;
    private int episodes;
    private int terminals;
    private int intervened;
    private long duplicates;
    private long gaps;
    private long restarts;
    private long idle;
    private long fallen;
    private long malformed;
    /** Whether the current stretch has given a transition yet (it is then an episode). */
    private boolean episodeCounted;

    private DatasetTransitions(RobotTask task) {
        this.task = task;
        this.scoring = task.estimatedReward().orElseThrow(() -> new InputException(
                "task " + task.id() + " has no state estimator: its recorded data cannot be rewarded"));
        this.out = new Transitions(task.observationSize(), task.actions().size());
        this.sensors = new double[task.sensors().size()];
        this.before = new double[scoring.estimate().size()];
        this.after = new double[scoring.estimate().size()];
        this.obs = new float[task.observationSize()];
        this.nextObs = new float[task.observationSize()];
        this.command = new float[task.actions().size()];
        this.commandValues = new double[command.length];
    }

    /** Reads every dataset under {@code root} (or {@code root} itself) for {@code task}. */
    public static Result read(Path root, RobotTask task) {
        DatasetTransitions b = new DatasetTransitions(task);
        try {
            List<Path> found = DatasetReader.find(root);
            if (found.isEmpty()) {
                throw new InputException("no datasets under " + root + ": expected <robot>/<session>/frames.log");
            }
            for (Path dir : found) {
                b.readSession(new DatasetReader(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading datasets under " + root, e);
        }
        return new Result(b.out, new TransitionReport(b.datasets, b.frames, b.out.size(), b.episodes, b.terminals,
                b.intervened, b.duplicates, b.gaps, b.restarts, b.idle, b.fallen, b.malformed, List.copyOf(b.policyIds)));
    }

    private void readSession(DatasetReader reader) throws IOException {
        SessionAnnouncement a = reader.announcement().orElseThrow(() -> new InputException("dataset " + reader.dir()
                + ": no session announcement, so its layout and task are unknown; refusing it"));
        FrameLayout layout = FrameLayout.fromAnnouncement(a);
        DatasetCompatibility.check(reader.dir(), layout, task);
        policyIds.add(a.getPolicyId());
        FrameRuns runs = new FrameRuns();
        reader.frames(f -> {
            frames++;
            runs.add(f);
        });
        datasets++;
        duplicates += runs.duplicates();
        List<List<Frame>> all = runs.runs();
        restarts += all.size() - 1;
        Intervention intervention = new Intervention(layout);
        for (List<Frame> run : all) {
            readRun(run, intervention);
        }
    }

    private boolean wellFormed(Frame f) {
        return f.getSensorsCount() == sensors.length && f.getObservationCount() == obs.length
                && f.getCommandCount() == command.length;
    }

    private void readRun(List<Frame> run, Intervention intervention) {
        StateEstimator estimator = scoring.newEstimator();
        boolean inEpisode = false;
        episodeCounted = false;
        boolean previousIntervened = false;
        long lastSequence = -1;
        for (Frame f : run) {
            boolean follows = lastSequence >= 0 && f.getSequence() == lastSequence + 1;
            if (lastSequence >= 0 && !follows) {
                gaps++;
            }
            lastSequence = f.getSequence();
            if (!wellFormed(f)) {
                malformed++;
                inEpisode = false;
                continue;
            }
            for (int i = 0; i < sensors.length; i++) {
                sensors[i] = f.getSensors(i);
            }
            if (intervention.idle(f)) {
                idle++;
                if (inEpisode && follows && intervention.terminated(f)) {
                    // The safety layer stopped the robot because it fell: that step ends the episode.
                    transition(f, estimator, previousIntervened, true);
                }
                inEpisode = false;
                continue;
            }
            if (!inEpisode || !follows) {
                estimator.reset(sensors, 0, before, 0);
                if (scoring.terminated(before, 0)) {
                    fallen++;
                    inEpisode = false;
                    continue;
                }
                inEpisode = true;
                episodeCounted = false;
                remember(f);
                previousIntervened = intervention.intervened(f);
                continue;
            }
            boolean terminal = transition(f, estimator, previousIntervened, false);
            if (terminal) {
                inEpisode = false;
                continue;
            }
            remember(f);
            previousIntervened = intervention.intervened(f);
        }
    }

    /**
     * Adds the transition from the remembered frame into {@code f} (whose readings are in
     * {@link #sensors}); terminal when the estimate says so or {@code stopped} (the safety layer saw
     * the fall). Returns whether it was terminal.
     */
    private boolean transition(Frame f, StateEstimator estimator, boolean previousIntervened, boolean stopped) {
        estimator.update(sensors, 0, after, 0);
        for (int i = 0; i < nextObs.length; i++) {
            nextObs[i] = f.getObservation(i);
        }
        double reward = scoring.reward(before, 0, toDouble(command), 0, after, 0);
        boolean terminal = stopped || scoring.terminated(after, 0);
        if (!episodeCounted) {
            episodes++;
            episodeCounted = true;
        }
        out.add(obs, command, reward, nextObs, terminal, previousIntervened, episodes - 1);
        intervened += previousIntervened ? 1 : 0;
        System.arraycopy(after, 0, before, 0, before.length);
        if (terminal) {
            terminals++;
        }
        return terminal;
    }

    /** The frame whose command the next transition applies. */
    private void remember(Frame f) {
        for (int i = 0; i < obs.length; i++) {
            obs[i] = f.getObservation(i);
        }
        for (int i = 0; i < command.length; i++) {
            command[i] = f.getCommand(i);
        }
    }

    private double[] toDouble(float[] values) {
        for (int i = 0; i < values.length; i++) {
            commandValues[i] = values[i];
        }
        return commandValues;
    }
}
