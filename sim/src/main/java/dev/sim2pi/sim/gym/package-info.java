/**
 * Plants that reproduce Gymnasium environments step for step, including where NumPy 2 computes in
 * float32, so learning results compare with published ones.
 */
package dev.sim2pi.sim.gym;
