package dev.sim2pi.bridge.link;

/**
 * The message table of protocol version {@value #PROTOCOL_MAJOR}.{@value #PROTOCOL_MINOR}: type
 * code, fixed payload length and direction. {@code firmware-bridge/PROTOCOL.md} is the spec.
 */
public enum MessageType {
    HELLO(0x01, 2, Direction.TO_MCU),
    HELLO_ACK(0x02, 10, Direction.TO_HOST),
    HEARTBEAT(0x03, 4, Direction.BOTH),
    MOTOR_COMMAND(0x10, 8 + 2 * MessageType.MOTORS, Direction.TO_MCU),
    SERVO_COMMAND(0x11, 2 * MessageType.SERVOS, Direction.TO_MCU),
    MOTOR_ENABLE(0x12, 1, Direction.TO_MCU),
    SENSOR_REPORT(0x20, 4 + 4 * MessageType.ENCODERS + 4, Direction.TO_HOST),
    FAULT(0x30, 8, Direction.TO_HOST),
    CONFIG(0x40, 8, Direction.TO_MCU),
    CONFIG_ACK(0x41, 9, Direction.TO_HOST);

    /** Protocol major version: a receiver refuses a peer with another major version. */
    public static final int PROTOCOL_MAJOR = 2;
    /** Protocol minor version: informative; this version defines no optional behaviour. */
    public static final int PROTOCOL_MINOR = 0;
    /** Motor channels in a motor command. */
    public static final int MOTORS = 4;
    /** Servo channels in a servo command. */
    public static final int SERVOS = 4;
    /** Encoder channels in a sensor report. */
    public static final int ENCODERS = 4;
    /** Longest payload of any message, so buffers can be sized once. */
    public static final int MAX_PAYLOAD = 32;

    /** Who sends a message. */
    public enum Direction { TO_MCU, TO_HOST, BOTH }

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
            if (t.payloadLength > MAX_PAYLOAD) {
                throw new AssertionError(t + " exceeds MAX_PAYLOAD");
            }
        }
    }

    private final int code;
    private final int payloadLength;
    private final Direction direction;

    MessageType(int code, int payloadLength, Direction direction) {
        this.code = code;
        this.payloadLength = payloadLength;
        this.direction = direction;
    }

    public int code() {
        return code;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public Direction direction() {
        return direction;
    }

    /** The type with {@code code} (0..255), or null. */
    public static MessageType of(int code) {
        return BY_CODE[code & 0xFF];
    }
}
