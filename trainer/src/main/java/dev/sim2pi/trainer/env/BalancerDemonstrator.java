package dev.sim2pi.trainer.env;

import dev.sim2pi.sim.control.BalancerLqr;
import dev.sim2pi.sim.env.VectorEnv;
import java.util.Arrays;

/**
 * Balancer demonstrations: per episode, an LQR designed from the plant's linearization at that
 * episode's drawn parameters, reading the true state and tracking the operator's commands. It
 * does not see the drawn actuation latency or sensor noise, so its transitions cover near misses
 * too. Designing allocates, once per episode.
 */
final class BalancerDemonstrator implements Demonstrator {

    private final VectorEnv env;
    private final BalancerLqr[] controllers;
    private final long[] designedFor;
    private final int stateSize;
    private final int paramSize;
    private final int actionSize;

    BalancerDemonstrator(VectorEnv env) {
        this.env = env;
        this.controllers = new BalancerLqr[env.envs()];
        this.designedFor = new long[env.envs()];
        Arrays.fill(designedFor, -1);
        this.stateSize = env.stateSize();
        this.paramSize = env.parameters().length / env.envs();
        this.actionSize = env.actionSize();
    }

    @Override
    public void act(double[] actions) {
        double[] states = env.states();
        for (int e = 0; e < controllers.length; e++) {
            if (designedFor[e] != env.episode(e)) {
                double[] params = Arrays.copyOfRange(env.parameters(), e * paramSize, (e + 1) * paramSize);
                controllers[e] = BalancerLqr.design(env.plant(), params);
                controllers[e].reset(states, e * stateSize);
                designedFor[e] = env.episode(e);
            }
            controllers[e].act(states, e * stateSize, actions, e * actionSize);
        }
    }
}
