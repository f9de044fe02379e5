package dev.sim2pi.bridge.wiring;

/**
 * What fills one entry of the task's raw sensor vector.
 *
 * @param channelIndex index in the task's {@code sensors()} layout
 * @param channel      channel name
 * @param device       device name, or null for an operator channel
 * @param signal       the device's signal (for example {@code rate_y}), null for an operator channel
 * @param sign         +1, or -1 when the file wrote {@code "-rate_y"}
 * @param defaultValue an operator channel's value until the controller sets one
 */
public record SensorBinding(int channelIndex, String channel, String device, String signal, double sign,
                            double defaultValue) {

    public boolean isOperator() {
        return device == null;
    }
}
