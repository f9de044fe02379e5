package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.gym.PendulumPlant;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

    @Test
    void observationsFollowTheStateOfEachEnvironment() {
        try (VectorEnv env = new VectorEnv(new PendulumPlant(), 5, EnvOptions.defaults().withThreads(1))) {
            env.reset(3);
            double[] actions = {-2, -1, 0, 1, 2};
            for (int t = 0; t < 10; t++) {
                env.step(actions);
            }
            for (int i = 0; i < 5; i++) {
                double theta = env.states()[i * 2];
                double thetaDot = env.states()[i * 2 + 1];
                assertArrayEquals(new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot},
                        java.util.Arrays.copyOfRange(env.observations(), i * 3, i * 3 + 3));
                assertEquals(10, env.stepsInEpisode(i));
            }
        }
    }

    @Test
    void timeLimitTruncatesAndAutoResetKeepsTheFinalObservation() {
        try (VectorEnv env = new VectorEnv(new PendulumPlant(), 1, EnvOptions.defaults().withThreads(1));
             Env reference = new Env(new PendulumPlant(), true, false)) {
            env.reset(11);
            reference.reset(11);
            double[] action = {0.5};
            for (int t = 0; t < 199; t++) {
                env.step(action);
                reference.step(action);
                assertFalse(env.done(0));
            }
            double expectedReturn = reference.vector().episodeReturns()[0];
            env.step(action);
            reference.step(action);
            expectedReturn += reference.reward();
            assertEquals(expectedReturn, reference.vector().episodeReturns()[0], 1e-9);
            assertEquals(expectedReturn, env.finalReturns()[0], 0.0);
            assertEquals(200, env.finalLengths()[0]);
            assertEquals(0.0, env.episodeReturns()[0]);
            assertTrue(env.truncated()[0]);
            assertFalse(env.terminated()[0]);
            assertTrue(reference.truncated());
            assertArrayEquals(reference.observation(), env.finalObservations());
            assertEquals(1, env.episode(0));
            assertEquals(0, env.stepsInEpisode(0));
            assertNotEquals(reference.observation()[0], env.observations()[0]);
            assertTrue(Math.abs(env.observations()[2]) <= 1f, "a new episode starts with |theta_dot| <= 1");
        }
    }

    @Test
    void anExplicitResetClearsTheEndOfThePreviousEpisode() {
        try (Env env = new Env(new PendulumPlant(), true, false)) {
            env.reset(5);
            double[] action = {0.5};
            for (int t = 0; t < 200; t++) {
                env.step(action);
            }
            assertTrue(env.done(), "time limit");
            env.reset(6);
            assertFalse(env.done(), "a new episode has not ended");
            env.step(action);
            env.vector().resetTo(0, new double[] {0.1, 0}, 0);
            assertFalse(env.done());
        }
    }

    @Test
    void sameSeedSameEpisodesDifferentSeedDifferent() {
        float[] a = run(7);
        float[] b = run(7);
        float[] c = run(8);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static float[] run(long seed) {
        try (VectorEnv env = new VectorEnv(new PendulumPlant(), 4, EnvOptions.defaults().withThreads(1))) {
            env.reset(seed);
            double[] actions = {1, 1, 1, 1};
            for (int t = 0; t < 30; t++) {
                env.step(actions);
            }
            return env.observations().clone();
        }
    }
}
