package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.gym.PendulumPlant;
import org.junit.jupiter.api.Test;

/**
 * The one-pass pendulum step against VectorEnv's generic path (the same plant behind an interface
 * the one-pass step does not recognise): every array a caller can read must hold the same bits
 * after every step, through time-limit resets, explicit resets to chosen states (signed zeros
 * included) and callers writing the state between steps.
 */
class PendulumBlockTest {

    private static final int ENVS = 200;

    @Test
    void onePassStepMatchesTheGenericPathBitForBit() {
        try (VectorEnv fast = new VectorEnv(new PendulumPlant(), ENVS, EnvOptions.defaults().withThreads(2));
             VectorEnv generic = new VectorEnv(new Hidden(new PendulumPlant()), ENVS, EnvOptions.defaults().withThreads(1))) {
            assertTrue(fast.onePassPendulum());
            assertFalse(generic.onePassPendulum());
            fast.reset(9);
            generic.reset(9);
            assertSame(fast, generic, "after reset");
            Rng rng = new Rng(4);
            double[] actions = new double[ENVS];
            for (int t = 0; t < 450; t++) {
                for (int i = 0; i < ENVS; i++) {
                    // Beyond the torque limit now and then, so clipping is compared too.
                    actions[i] = rng.uniform(-2.5, 2.5);
                }
                actions[t % ENVS] = Double.NaN;
                actions[(t + 1) % ENVS] = -0.0;
                if (t % 37 == 5) {
                    double[] start = {t % 2 == 0 ? -0.0 : 0.0, 0.0};
                    fast.resetTo(t % ENVS, start, 0);
                    generic.resetTo(t % ENVS, start, 0);
                }
                if (t % 53 == 7) {
                    int i = (3 * t) % ENVS;
                    fast.states()[2 * i] += 0.25;
                    generic.states()[2 * i] += 0.25;
                }
                fast.step(actions);
                generic.step(actions);
                assertSame(fast, generic, "step " + t);
            }
            assertEquals(2, fast.episode(ENVS - 1), "two time-limit resets happened");
        }
    }

    @Test
    void onlyPendulumWithoutDelaysOrEstimatedRewardsTakesTheOnePassStep() {
        try (VectorEnv cart = new VectorEnv(new CartOnRail(0, 1, 3, 0, 1, 2, 0.05), 4, EnvOptions.defaults())) {
            assertFalse(cart.onePassPendulum());
        }
        assertFalse(PendulumBlock.covers(new PendulumPlant(), true, false));
        assertFalse(PendulumBlock.covers(new PendulumPlant(), false, true));
        assertTrue(PendulumBlock.covers(new PendulumPlant(), false, false));
    }

    private static void assertSame(VectorEnv fast, VectorEnv generic, String when) {
        assertBits(generic.states(), fast.states(), when + " states");
        assertBits(generic.sensors(), fast.sensors(), when + " sensors");
        assertArrayEquals(generic.observations(), fast.observations(), 0f, when + " observations");
        assertArrayEquals(generic.finalObservations(), fast.finalObservations(), 0f, when + " final observations");
        assertBits(generic.rewards(), fast.rewards(), when + " rewards");
        assertBits(generic.trueRewards(), fast.trueRewards(), when + " true rewards");
        assertBits(generic.episodeReturns(), fast.episodeReturns(), when + " returns");
        assertBits(generic.finalReturns(), fast.finalReturns(), when + " final returns");
        assertArrayEquals(generic.finalLengths(), fast.finalLengths(), when + " final lengths");
        assertArrayEquals(generic.terminated(), fast.terminated(), when + " terminated");
        assertArrayEquals(generic.truncated(), fast.truncated(), when + " truncated");
        for (int i = 0; i < ENVS; i++) {
            assertEquals(generic.stepsInEpisode(i), fast.stepsInEpisode(i), when + " steps of env " + i);
            assertEquals(generic.episode(i), fast.episode(i), when + " episode of env " + i);
        }
    }

    /** Compares raw bits, so -0.0 against 0.0 and one NaN against another differ too. */
    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    () -> what + " [" + at + "]");
        }
    }

    /** A plant that only delegates, so VectorEnv cannot tell it is the pendulum. */
    private record Hidden(Plant inner) implements Plant {
        @Override
        public RobotTask task() {
            return inner.task();
        }

        @Override
        public ParameterSpace parameters() {
            return inner.parameters();
        }

        @Override
        public void reset(Rng rng, double[] params, int paramsOffset, double[] state, int stateOffset) {
            inner.reset(rng, params, paramsOffset, state, stateOffset);
        }

        @Override
        public void step(double[] params, int paramsOffset, double[] state, int stateOffset,
                         double[] action, int actionOffset, Rng rng) {
            inner.step(params, paramsOffset, state, stateOffset, action, actionOffset, rng);
        }

        @Override
        public void sense(double[] params, int paramsOffset, double[] state, int stateOffset, Rng rng,
                          double[] sensors, int sensorsOffset) {
            inner.sense(params, paramsOffset, state, stateOffset, rng, sensors, sensorsOffset);
        }
    }
}
