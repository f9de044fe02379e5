package dev.sim2pi.models.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.task.Tasks;
import org.junit.jupiter.api.Test;

class RobotTasksTest {

    private final BalancerTask balancer = new BalancerTask();
    private final CartPoleTask cartpole = new CartPoleTask();

    @Test
    void bothRobotsAreRegistered() {
        assertTrue(Tasks.ids().contains("balancer"));
        assertTrue(Tasks.ids().contains("cartpole"));
        assertEquals(9 * 4 + 3 * 2, balancer.observationSize());
        assertEquals(6, cartpole.observationSize());
    }

    @Test
    void balancerUprightOnCommandWithoutEffortEarnsTheFullReward() {
        double[] s = new double[balancer.state().size()];
        s[BalancerTask.FORWARD_SPEED] = 0.2;
        s[BalancerTask.CMD_FORWARD_SPEED] = 0.2;
        s[BalancerTask.YAW_RATE] = -0.5;
        s[BalancerTask.CMD_YAW_RATE] = -0.5;
        assertEquals(1.0, balancer.reward(s, 0, new double[2], 0, s, 0), 1e-12);
        double[] off = s.clone();
        off[BalancerTask.FORWARD_SPEED] = 0.4;
        assertEquals(1.0 - 0.3 * (1 - Math.exp(-1)), balancer.reward(s, 0, new double[2], 0, off, 0), 1e-12);
        assertTrue(balancer.reward(s, 0, new double[] {1, -1}, 0, s, 0) < 1, "effort costs");
    }

    @Test
    void balancerHasFallenBeyondTheLimitEitherWay() {
        double[] s = new double[balancer.state().size()];
        s[BalancerTask.PITCH] = 0.59;
        assertFalse(balancer.terminated(s, 0));
        s[BalancerTask.PITCH] = -0.61;
        assertTrue(balancer.terminated(s, 0));
        s[BalancerTask.PITCH] = Double.NaN;
        assertTrue(balancer.terminated(s, 0), "a broken state ends the episode");
    }

    @Test
    void balancerWheelSpeedsComeFromEncoderAnglesOverOnePeriod() {
        ObservationBuilder builder = new ObservationBuilder(balancer, 1);
        double[] reading = new double[balancer.sensors().size()];
        reading[BalancerTask.ACCEL_Z] = 9.8;
        builder.reset(0, reading, 0);
        reading[BalancerTask.ENCODER_LEFT] = 0.05;
        reading[BalancerTask.ENCODER_RIGHT] = -0.02;
        builder.push(0, reading, 0, new double[] {0.3, -0.1}, 0);
        float[] obs = new float[balancer.observationSize()];
        builder.write(0, obs, 0);
        assertEquals(5.0f, obs[4], 1e-5f);
        assertEquals(-2.0f, obs[5], 1e-5f);
        assertEquals(0f, obs[9 + 4], "the previous frame was the episode's first, at rest");
        assertEquals(0.3f, obs[36]);
        assertEquals(-0.1f, obs[37]);
    }

    @Test
    void cartpoleRewardsUprightCentredAndEndsAtTheTrackEnds() {
        double[] up = {0, 0, 0, 0};
        double[] down = {0, 0, Math.PI, 0};
        double[] none = {0};
        assertEquals(1.0, cartpole.reward(up, 0, none, 0, up, 0), 1e-12);
        assertEquals(0.0, cartpole.reward(down, 0, none, 0, down, 0), 1e-12);
        assertEquals(1.0, cartpole.reward(up, 0, none, 0, new double[] {0, 0, 4 * Math.PI, 0}, 0), 1e-12,
                "whole turns of the encoder are still upright");
        assertEquals(0.8, cartpole.reward(up, 0, none, 0, new double[] {0.4, 0, 0, 0}, 0), 1e-12);
        assertFalse(cartpole.terminated(new double[] {0.399, 0, 0, 0}, 0));
        assertTrue(cartpole.terminated(new double[] {-0.4, 0, 0, 0}, 0));
    }

    @Test
    void cartpoleFeaturesGiveAngleAsCosSinAndRatesFromDifferences() {
        float[] out = new float[5];
        cartpole.features(new double[] {0.1, Math.PI / 2}, 0, new double[] {0.09, Math.PI / 2 - 0.02}, 0, out, 0);
        assertEquals(0.1f, out[0], 1e-7f);
        assertEquals(0.5f, out[1], 1e-5f);
        assertEquals(0f, out[2], 1e-7f);
        assertEquals(1f, out[3], 1e-7f);
        assertEquals(1.0f, out[4], 1e-5f);
    }
}
