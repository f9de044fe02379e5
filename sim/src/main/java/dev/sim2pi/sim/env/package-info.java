/**
 * Batched environments: {@link dev.sim2pi.sim.env.VectorEnv} steps N copies of a plant in
 * structure-of-arrays form across a few threads, with Gymnasium's vector-env semantics, per-episode
 * domain randomization, action latency and observation delay; {@link dev.sim2pi.sim.env.Env} is
 * the single-environment view for evaluation code.
 */
package dev.sim2pi.sim.env;
