/**
 * Control design on the simulator's own models: numerical linearization of a plant's step,
 * discrete LQR by Riccati iteration, and a balancer controller designed from the plant's
 * linearization. Tests use them as references; the trainer uses the balancer controller for
 * demonstrations that seed a run's replay buffer.
 */
package dev.sim2pi.sim.control;
