package dev.sim2pi.bridge.wiring;

/**
 * Which device receives one entry of the task's command vector.
 *
 * @param channelIndex index in the task's {@code actions()} layout
 * @param channel      channel name
 * @param device       device name (a motor or a servo)
 * @param unitsPerFullScale command units that mean full duty (1 for a duty channel, the supply
 *                          voltage for a volts channel); unused for servos
 * @param unit         the channel's unit, which decides how a servo reads it (rad or us)
 */
public record ActionBinding(int channelIndex, String channel, String device, double unitsPerFullScale, String unit) {
}
