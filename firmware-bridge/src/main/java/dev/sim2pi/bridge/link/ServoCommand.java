package dev.sim2pi.bridge.link;

/** Host to MCU: pulse width per servo channel in microseconds; 0 sends no pulse. */
public final class ServoCommand extends Message {

    public final int[] pulseMicros = new int[MessageType.SERVOS];

    @Override
    public MessageType type() {
        return MessageType.SERVO_COMMAND;
    }

    @Override
    void writePayload(byte[] out, int o) {
        for (int i = 0; i < pulseMicros.length; i++) {
            Bytes.put16(out, o + 2 * i, pulseMicros[i]);
        }
    }

    @Override
    void readPayload(byte[] in, int o) {
        for (int i = 0; i < pulseMicros.length; i++) {
            pulseMicros[i] = Bytes.u16(in, o + 2 * i);
        }
    }

    @Override
    public String toString() {
        return "ServoCommand" + java.util.Arrays.toString(pulseMicros);
    }
}
