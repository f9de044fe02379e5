/** Checks that a machine can run a wiring file ({@code sim2pi controller doctor}). */
package dev.sim2pi.bridge.doctor;
