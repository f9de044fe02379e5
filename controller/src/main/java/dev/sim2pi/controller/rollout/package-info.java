/**
 * Releases on one robot: anti-rollback for loaded bundles (a monotonic version, refused
 * candidates remembered), the previous bundle kept for an automatic rollback while a swapped-in
 * candidate is on probation, and the return proxy that judges it. Decisions are taken off the
 * control loop (the event thread); the loop only feeds the {@link dev.sim2pi.controller.rollout.ReturnProxy}.
 */
package dev.sim2pi.controller.rollout;
