/**
 * One interface per hardware capability. Real implementations live in {@code bridge.pi4j} and
 * {@code bridge.link}, the simulated ones in {@code bridge.sim}; the controller sees only these.
 */
package dev.sim2pi.bridge.device;
