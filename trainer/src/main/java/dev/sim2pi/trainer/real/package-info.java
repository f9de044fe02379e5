/**
 * Recorded robot telemetry as training data: datasets checked against the task they claim, frames
 * ordered into runs of consecutive control periods, and transitions scored by the task's state
 * estimator (never the simulator's true state, which a robot does not have).
 */
package dev.sim2pi.trainer.real;
