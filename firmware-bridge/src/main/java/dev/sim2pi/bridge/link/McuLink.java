package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.DeviceException;
import dev.sim2pi.bridge.device.SerialLink;
import dev.sim2pi.models.time.Clock;

/**
 * The host's end of the microcontroller protocol. Call {@link #poll()} once per control period
 * from the control loop: it drains received bytes, sends a heartbeat when one is due and
 * declares the link lost when nothing valid arrived for the timeout. Heartbeats come from the
 * control loop itself, never from a helper thread, so a stalled loop stops them and the MCU
 * stops its motors. Not thread-safe; allocation-free after construction.
 */
public final class McuLink implements AutoCloseable, FrameHandler {

    private final SerialLink link;
    private final Clock clock;
    private final long heartbeatPeriodNanos;
    private final long timeoutNanos;
    private final long startNanos;

    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final byte[] rx = new byte[256];
    private final byte[] tx = new byte[FrameEncoder.MAX_WIRE_LENGTH];

    private final Hello hello = new Hello();
    private final Heartbeat heartbeat = new Heartbeat();
    private final HelloAck helloAck = new HelloAck();
    private final SensorReport report = new SensorReport();
    private final Fault fault = new Fault();
    private final ConfigAck configAck = new ConfigAck();
    private final MotorCommand motorCommand = new MotorCommand();
    private final MotorEnable motorEnable = new MotorEnable();

    private int commandTtlMillis;
    private boolean connected;
    private boolean versionMismatch;
    private boolean alive;
    private long lastRxNanos;
    private long lastHeartbeatNanos;
    private long losses;
    private long reports;
    private long faults;
    private long unexpected;

    /**
     * @param heartbeatPeriodNanos how often the host sends a heartbeat
     * @param timeoutNanos         the link counts as lost when no valid frame arrived for this long
     */
    public McuLink(SerialLink link, Clock clock, long heartbeatPeriodNanos, long timeoutNanos) {
        if (heartbeatPeriodNanos <= 0 || timeoutNanos <= heartbeatPeriodNanos) {
            throw new IllegalArgumentException("need 0 < heartbeat period < timeout, got "
                    + heartbeatPeriodNanos + " ns and " + timeoutNanos + " ns");
        }
        this.link = link;
        this.clock = clock;
        this.heartbeatPeriodNanos = heartbeatPeriodNanos;
        this.timeoutNanos = timeoutNanos;
        this.startNanos = clock.nanoTime();
        this.lastHeartbeatNanos = startNanos - heartbeatPeriodNanos;
        this.commandTtlMillis = (int) Math.max(1, Math.min(0xFFFF, heartbeatPeriodNanos / 1_000_000));
    }

    /**
     * How long each motor command may drive the motors after it is sent (default: one heartbeat
     * period). The control loop sends one every period, so a few periods is right.
     */
    public void setCommandTtlMillis(int ttlMillis) {
        if (ttlMillis < 1 || ttlMillis > 0xFFFF) {
            throw new IllegalArgumentException("command time-to-live " + ttlMillis + " ms: expected 1..65535");
        }
        commandTtlMillis = ttlMillis;
    }

    public int commandTtlMillis() {
        return commandTtlMillis;
    }

    /** Starts the handshake: a leading delimiter (flushes any half frame at the MCU), then HELLO. */
    public void start() {
        tx[0] = 0;
        link.write(tx, 0, 1);
        send(hello);
    }

    /** Sends {@code config}; the answer arrives as {@link #configAck()}. */
    public void configure(Config config) {
        send(config);
    }

    /** Encodes and writes one message. */
    public void send(Message message) {
        int n = encoder.encode(message, tx, 0);
        link.write(tx, 0, n);
    }

    /** The command sent by {@link #sendMotorCommand()}; set its channels, then send. */
    public MotorCommand motorCommand() {
        return motorCommand;
    }

    /** Stamps the pending command with the time-to-live and the host's uptime, and sends it. */
    public void sendMotorCommand() {
        motorCommand.ttlMillis = commandTtlMillis;
        motorCommand.sentMillis = uptimeMillis(clock.nanoTime());
        send(motorCommand);
    }

    /**
     * The explicit re-enable: clears the MCU's latched faults (watchdog, overcurrent,
     * undervoltage). Motors move again only with the next motor command.
     */
    public void reenableMotors() {
        motorEnable.clearFaults = Fault.LATCHING_MASK;
        send(motorEnable);
    }

    /** Whether the latest report shows a latched fault: motor commands are ignored until {@link #reenableMotors()}. */
    public boolean motorsLatchedOff() {
        return (report.faultFlags & Fault.LATCHING_MASK) != 0;
    }

    private long uptimeMillis(long now) {
        return ((now - startNanos) / 1_000_000) & 0xFFFF_FFFFL;
    }

    /** Drains received bytes, sends a due heartbeat and updates link health. */
    public void poll() {
        int n;
        while ((n = link.read(rx, 0, rx.length)) > 0) {
            decoder.accept(rx, 0, n, this);
        }
        long now = clock.nanoTime();
        if (now - lastHeartbeatNanos >= heartbeatPeriodNanos) {
            heartbeat.uptimeMillis = uptimeMillis(now);
            send(heartbeat);
            lastHeartbeatNanos = now;
        }
        if (alive && now - lastRxNanos > timeoutNanos) {
            alive = false;
            losses++;
        }
    }

    @Override
    public void onFrame(MessageType type, int sequence, byte[] buffer, int payloadOffset) {
        lastRxNanos = clock.nanoTime();
        alive = true;
        switch (type) {
            case HELLO_ACK -> {
                helloAck.readPayload(buffer, payloadOffset);
                versionMismatch = helloAck.major != MessageType.PROTOCOL_MAJOR;
                connected = !versionMismatch;
            }
            case SENSOR_REPORT -> {
                report.readPayload(buffer, payloadOffset);
                reports++;
            }
            case FAULT -> {
                fault.readPayload(buffer, payloadOffset);
                faults++;
            }
            case CONFIG_ACK -> configAck.readPayload(buffer, payloadOffset);
            case HEARTBEAT -> { }
            default -> unexpected++;
        }
    }

    /** Whether the MCU answered HELLO with our protocol major version. */
    public boolean connected() {
        return connected;
    }

    /**
     * Fails with the versions of both sides when the MCU speaks another major version.
     *
     * @throws DeviceException on a version mismatch
     */
    public void requireCompatible() {
        if (versionMismatch) {
            throw new DeviceException("microcontroller on " + link.name() + " speaks protocol " + helloAck.major + "."
                    + helloAck.minor + ", this host " + MessageType.PROTOCOL_MAJOR + "." + MessageType.PROTOCOL_MINOR
                    + ": flash matching firmware");
        }
    }

    /** Whether a valid frame arrived within the timeout. */
    public boolean alive() {
        return alive;
    }

    /** Times the link went from alive to lost. */
    public long losses() {
        return losses;
    }

    /** Nanoseconds (on the link's clock) when the last valid frame arrived. */
    public long lastReceiveNanos() {
        return lastRxNanos;
    }

    /** The latest sensor report (updated in place). */
    public SensorReport latestReport() {
        return report;
    }

    public long reportsReceived() {
        return reports;
    }

    /** The latest fault the MCU reported (updated in place). */
    public Fault lastFault() {
        return fault;
    }

    public long faultsReceived() {
        return faults;
    }

    public HelloAck helloAck() {
        return helloAck;
    }

    public ConfigAck configAck() {
        return configAck;
    }

    /** Valid frames of a type the host never expects (e.g. a motor command echoed back). */
    public long unexpectedFrames() {
        return unexpected;
    }

    /** Receive statistics, including rejected frames by reason. */
    public FrameDecoder decoder() {
        return decoder;
    }

    public String name() {
        return link.name();
    }

    /** Commands every motor to coast, then closes the port. */
    @Override
    public void close() {
        try {
            motorCommand.enableMask = 0;
            motorCommand.brakeMask = 0;
            java.util.Arrays.fill(motorCommand.duty, 0);
            sendMotorCommand();
        } finally {
            link.close();
        }
    }
}
