/**
 * Control-design test fixtures, shipped in the sim test-jar for other modules' tests: numerical
 * linearization of a plant's step, discrete LQR by Riccati iteration, and a balancer controller
 * designed from the plant's own linearization.
 */
package dev.sim2pi.sim.control;
