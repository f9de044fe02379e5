/**
 * System identification (real2sim): fit a task's physical parameters to recorded telemetry by
 * replaying the recorded commands in the simulator from estimated states, and re-centre the
 * randomization on the fit.
 */
package dev.sim2pi.trainer.sysid;
