/**
 * The physical robots: {@link dev.sim2pi.sim.robots.CartPolePlant} and
 * {@link dev.sim2pi.sim.robots.BalancerPlant} for training (randomized per episode from
 * {@code randomization/<task>.json}), and their reality twins
 * ({@link dev.sim2pi.sim.robots.CartPoleTwin}, {@link dev.sim2pi.sim.robots.BalancerTwin}, built by
 * {@link dev.sim2pi.sim.robots.Twins} from a {@code --twin-params} file) which add backlash,
 * stiction, latency jitter, sensor dropouts and motor asymmetry at a finer step.
 */
package dev.sim2pi.sim.robots;
