package dev.sim2pi.trainer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.tasks.CartPoleTask;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTransitionsTest {

    private static final BalancerTask TASK = new BalancerTask();
    private static TwinRecording upright;

    @TempDir
    Path root;

    @BeforeAll
    static void record() {
        upright = TwinRecording.run(TwinRecording.twinParameters(), 3, 300, 0);
    }

    private DatasetTransitions.Result read(List<Frame> frames) throws Exception {
        TwinRecording.write(root.resolve("bot").resolve("s1"), TwinRecording.layout(), frames);
        return DatasetTransitions.read(root, TASK);
    }

    @Test
    void consecutiveFramesGiveTheRewardsTheSimulatorGaveOnTheEstimate() throws Exception {
        DatasetTransitions.Result r = read(upright.frames);
        Transitions t = r.transitions();
        assertEquals(299, t.size(), r.report().summary());
        assertEquals(1, r.report().episodes());
        assertEquals(List.of("test-bundle"), r.report().policyIds());
        double worst = 0;
        for (int k = 0; k < t.size(); k++) {
            // Frames hold float32 readings; the simulator scored the doubles.
            worst = Math.max(worst, Math.abs(t.reward(k) - upright.simRewards.get(k)));
            assertFalse(t.terminal(k));
            assertFalse(t.intervened(k));
        }
        assertTrue(worst < 2e-3, "largest reward difference " + worst);
        float[] obs = new float[t.observationSize()];
        float[] next = new float[t.observationSize()];
        t.observation(10, obs, 0);
        t.nextObservation(9, next, 0);
        assertEquals(upright.frames.get(10).getObservationList(), floats(obs));
        assertEquals(upright.frames.get(10).getObservationList(), floats(next));
        float[] action = new float[2];
        t.action(10, action, 0);
        assertEquals(upright.frames.get(10).getCommand(0), action[0]);
    }

    @Test
    void lostFramesAreNeverBridged() throws Exception {
        List<Frame> frames = new ArrayList<>(upright.frames);
        frames.subList(100, 103).clear();
        DatasetTransitions.Result r = read(frames);
        // 299 minus the four transitions that touched frames 100..102.
        assertEquals(295, r.transitions().size(), r.report().summary());
        assertEquals(1, r.report().gaps());
        assertEquals(2, r.report().episodes(), "the estimator restarts after a gap: a new stretch");
    }

    @Test
    void duplicatesAreDroppedAndLateFramesFindTheirPlace() throws Exception {
        List<Frame> frames = new ArrayList<>(upright.frames);
        Frame late = frames.remove(50);
        frames.add(late);
        frames.add(upright.frames.get(20));
        frames.add(upright.frames.get(21));
        DatasetTransitions.Result r = read(frames);
        assertEquals(299, r.transitions().size(), r.report().summary());
        assertEquals(2, r.report().duplicates());
        assertEquals(0, r.report().gaps());
    }

    @Test
    void aRestartedControllerAndASecondSessionAreNotJoined() throws Exception {
        List<Frame> restarted = new ArrayList<>(upright.frames.subList(0, 200));
        // The controller restarts: sequence numbers start over on a later clock.
        for (Frame f : upright.frames.subList(0, 100)) {
            restarted.add(f.toBuilder().setTimestampNanos(f.getTimestampNanos() + 5_000_000_000L).build());
        }
        TwinRecording.write(root.resolve("bot").resolve("s1"), TwinRecording.layout(), restarted);
        TwinRecording.write(root.resolve("bot").resolve("s2"), TwinRecording.layout(), upright.frames.subList(0, 50));
        DatasetTransitions.Result r = DatasetTransitions.read(root, TASK);
        assertEquals(199 + 99 + 49, r.transitions().size(), r.report().summary());
        assertEquals(1, r.report().restarts());
        assertEquals(2, r.report().datasets());
        assertEquals(3, r.report().episodes());
    }

    @Test
    void interventionsAreMarkedAndKeptOutOfTheActorsData() throws Exception {
        List<Frame> frames = new ArrayList<>(upright.frames);
        for (int k = 40; k < 50; k++) {
            // The safety layer clamped the command: applied command differs from the policy's.
            Frame f = frames.get(k);
            frames.set(k, f.toBuilder().setSafetyFlags(TwinRecording.RUNNING | TwinRecording.CLAMPED)
                    .setCommand(0, f.getPolicyOutput(0) * 0.5f).build());
        }
        // A changed command without a flag counts too.
        frames.set(60, frames.get(60).toBuilder().setCommand(1, 0.9f).build());
        DatasetTransitions.Result r = read(frames);
        Transitions t = r.transitions();
        assertEquals(299, t.size());
        assertEquals(11, r.report().intervened());
        for (int k = 0; k < t.size(); k++) {
            assertEquals(k >= 40 && k < 50 || k == 60, t.intervened(k), "transition " + k);
        }
        int[] actor = t.actorIndices();
        assertEquals(288, actor.length);
        for (int i : actor) {
            assertFalse(t.intervened(i));
        }
        float[] action = new float[2];
        t.action(45, action, 0);
        assertEquals(frames.get(45).getCommand(0), action[0], "the critic sees the command actually applied");
    }

    @Test
    void aFallEndsTheEpisodeAndIdleFramesAreSkipped() throws Exception {
        TwinRecording falling = TwinRecording.run(TwinRecording.twinParameters(), 3, 400, 50);
        int simEnd = falling.simTerminated.indexOf(true);
        assertTrue(simEnd > 50 && simEnd < 370, "the robot fell once left alone: " + simEnd);
        List<Frame> frames = new ArrayList<>(falling.frames);
        // After the fall the controller faulted: the loop no longer drives (running clear) for 20 frames.
        for (int k = simEnd + 2; k < simEnd + 22; k++) {
            frames.set(k, frames.get(k).toBuilder().setSafetyFlags(0).build());
        }
        DatasetTransitions.Result r = read(frames);
        Transitions t = r.transitions();
        assertEquals(simEnd + 1, t.size(), "transitions up to and including the fall: " + r.report().summary());
        assertTrue(t.terminal(simEnd));
        assertEquals(1, r.report().terminals());
        assertEquals(20, r.report().idleFrames());
        assertEquals(400 - (simEnd + 2) - 20, r.report().fallenFrames(), r.report().summary());
    }

    @Test
    void aStopForAFallTheSafetyLayerSawEndsTheEpisodeThere() throws Exception {
        List<Frame> frames = new ArrayList<>(upright.frames);
        // Frame 120: the controller's tilt check tripped (termination) and it stopped driving (running clear).
        int termination = 1 << TwinRecording.FLAGS.indexOf("termination");
        for (int k = 120; k < 140; k++) {
            frames.set(k, frames.get(k).toBuilder().setSafetyFlags(termination).build());
        }
        DatasetTransitions.Result r = read(frames);
        Transitions t = r.transitions();
        assertTrue(t.terminal(119), "the step into the stop ends the episode: " + r.report().summary());
        for (int k = 0; k < 119; k++) {
            assertFalse(t.terminal(k), "transition " + k);
        }
        assertEquals(1, r.report().terminals());
        assertEquals(20, r.report().idleFrames());
        // 120 transitions up to the stop, then the robot driven again from frame 140 to 299.
        assertEquals(120 + 159, t.size(), r.report().summary());
    }

    @Test
    void aDatasetOfAnotherTaskOrLayoutIsRefusedNamingIt() throws Exception {
        Path other = root.resolve("bot").resolve("cart");
        TwinRecording.write(other, FrameLayout.of(new CartPoleTask(), List.of(), List.of()), upright.frames.subList(0, 5));
        InputException e = assertThrows(InputException.class, () -> DatasetTransitions.read(other, TASK));
        assertEquals("dataset " + other + " was recorded for task 'cartpole' v" + new CartPoleTask().version()
                + ", expected 'balancer'", e.getMessage());

        FrameLayout b = TwinRecording.layout();
        List<Channel> sensors = new ArrayList<>(b.sensors().channels());
        sensors.set(6, Channel.unbounded("left_ticks", "1"));
        FrameLayout renamed = new FrameLayout(b.taskId(), b.taskVersion(), b.controlRateHz(), new Layout(sensors),
                b.observation(), b.actions(), b.stageNames(), b.safetyFlagNames());
        Path odd = root.resolve("bot").resolve("odd");
        TwinRecording.write(odd, renamed, upright.frames.subList(0, 5));
        e = assertThrows(InputException.class, () -> DatasetTransitions.read(odd, TASK));
        assertEquals("dataset " + odd + ": sensors channel 6 is 'left_ticks' [1], expected 'wheel_angle_left' [rad] "
                + "(incompatible layout)", e.getMessage());

        FrameLayout old = new FrameLayout(b.taskId(), 2, b.controlRateHz(), b.sensors(), b.observation(), b.actions(),
                b.stageNames(), b.safetyFlagNames());
        Path v2 = root.resolve("bot").resolve("v2");
        TwinRecording.write(v2, old, upright.frames.subList(0, 5));
        e = assertThrows(InputException.class, () -> DatasetTransitions.read(v2, TASK));
        assertTrue(e.getMessage().contains("recorded for balancer v2, expected v3"), e.getMessage());
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
