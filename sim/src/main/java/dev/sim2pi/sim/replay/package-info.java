/**
 * Replaying recorded commands from recorded initial states through the nominal simulator, to
 * compare the sim with robot logs and reference implementations ({@code sim2pi sim replay}).
 */
package dev.sim2pi.sim.replay;
