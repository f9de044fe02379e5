/**
 * Wiring files: which device fills each entry of a task's raw sensor vector and receives each
 * entry of its command vector, validated against the task, and the {@link
 * dev.sim2pi.bridge.wiring.RobotHardware} assembled from them.
 */
package dev.sim2pi.bridge.wiring;
