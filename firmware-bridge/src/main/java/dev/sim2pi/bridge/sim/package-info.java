/**
 * The simulated robot: a sim plant advancing with a clock behind the same device interfaces and
 * the same wiring file as the real robot.
 */
package dev.sim2pi.bridge.sim;
