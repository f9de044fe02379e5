package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.SerialLink;
import dev.sim2pi.models.time.Clock;

/**
 * The microcontroller's side of the protocol, in Java: the reference behaviour firmware must
 * match (PROTOCOL.md, "MCU behaviour"), used to test the host end and to stand in for a board in
 * simulation. Encoder counts and battery voltage are set from outside (a plant, or a test).
 * Not thread-safe; allocation-free after construction.
 */
public final class McuTwin implements FrameHandler {

    /** MCU heartbeat period, fixed by the protocol. */
    public static final long HEARTBEAT_PERIOD_NANOS = 50_000_000L;

    private final SerialLink link;
    private final Clock clock;
    private final long startNanos;
    private final long firmwareVersion;
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final byte[] rx = new byte[256];
    private final byte[] tx = new byte[FrameEncoder.MAX_WIRE_LENGTH];

    private final Hello hello = new Hello();
    private final HelloAck helloAck = new HelloAck();
    private final Heartbeat heartbeat = new Heartbeat();
    private final MotorCommand command = new MotorCommand();
    private final ServoCommand servos = new ServoCommand();
    private final SensorReport report = new SensorReport();
    private final Fault fault = new Fault();
    private final Config config = new Config();
    private final Config requested = new Config();
    private final ConfigAck configAck = new ConfigAck();

    private boolean handshaken;
    private boolean watchdogTripped;
    private long lastFeedNanos;
    private long lastReportNanos;
    private long lastHeartbeatNanos;
    private long watchdogTrips;
    private long reportedRejections;
    private long lastBadFramesNanos;

    public McuTwin(SerialLink link, Clock clock, long firmwareVersion) {
        this.link = link;
        this.clock = clock;
        this.firmwareVersion = firmwareVersion;
        this.startNanos = clock.nanoTime();
        this.lastFeedNanos = startNanos;
        this.lastReportNanos = startNanos;
        this.lastHeartbeatNanos = startNanos;
        this.lastBadFramesNanos = startNanos - 1_000_000_000L;
    }

    /** One pass of the firmware main loop: receive, run the watchdog, send what is due. */
    public void poll() {
        int n;
        while ((n = link.read(rx, 0, rx.length)) > 0) {
            decoder.accept(rx, 0, n, this);
        }
        long now = clock.nanoTime();
        if (!watchdogTripped && command.enableMask != 0
                && now - lastFeedNanos > config.heartbeatTimeoutMillis * 1_000_000L) {
            stopMotors();
            watchdogTripped = true;
            watchdogTrips++;
            sendFault(Fault.HEARTBEAT_TIMEOUT, config.heartbeatTimeoutMillis, now);
        }
        long rejected = decoder.rejected();
        if (rejected > reportedRejections && now - lastBadFramesNanos >= 1_000_000_000L) {
            reportedRejections = rejected;
            lastBadFramesNanos = now;
            sendFault(Fault.BAD_FRAMES, (int) Math.min(rejected, 0xFFFF), now);
        }
        if (handshaken && now - lastReportNanos >= config.reportPeriodMillis * 1_000_000L) {
            report.timestampMicros = ((now - startNanos) / 1000) & 0xFFFF_FFFFL;
            report.motorsEnabledMask = command.enableMask;
            report.faultFlags = watchdogTripped ? 1 << (Fault.HEARTBEAT_TIMEOUT - 1) : 0;
            send(report);
            lastReportNanos = now;
        }
        if (handshaken && now - lastHeartbeatNanos >= HEARTBEAT_PERIOD_NANOS) {
            heartbeat.uptimeMillis = uptimeMillis(now);
            send(heartbeat);
            lastHeartbeatNanos = now;
        }
    }

    @Override
    public void onFrame(MessageType type, int sequence, byte[] buffer, int payloadOffset) {
        long now = clock.nanoTime();
        switch (type) {
            case HELLO -> {
                hello.readPayload(buffer, payloadOffset);
                helloAck.major = MessageType.PROTOCOL_MAJOR;
                helloAck.minor = MessageType.PROTOCOL_MINOR;
                helloAck.motors = MessageType.MOTORS;
                helloAck.encoders = MessageType.ENCODERS;
                helloAck.servos = MessageType.SERVOS;
                helloAck.flags = HelloAck.FLAG_BATTERY_SENSE;
                helloAck.firmwareVersion = firmwareVersion;
                send(helloAck);
                handshaken = hello.major == MessageType.PROTOCOL_MAJOR;
                if (!handshaken) {
                    stopMotors();
                    sendFault(Fault.VERSION_MISMATCH, hello.major, now);
                }
            }
            case HEARTBEAT -> lastFeedNanos = now;
            case MOTOR_COMMAND -> {
                lastFeedNanos = now;
                if (handshaken) {
                    command.readPayload(buffer, payloadOffset);
                    watchdogTripped = false;
                }
            }
            case SERVO_COMMAND -> {
                if (handshaken) {
                    servos.readPayload(buffer, payloadOffset);
                }
            }
            case CONFIG -> {
                requested.readPayload(buffer, payloadOffset);
                boolean ok = requested.isValid();
                if (ok) {
                    config.copyFrom(requested);
                } else {
                    sendFault(Fault.BAD_CONFIG, 0, now);
                }
                configAck.status = ok ? ConfigAck.ACCEPTED : ConfigAck.REJECTED;
                configAck.config.copyFrom(config);
                send(configAck);
            }
            default -> { }
        }
    }

    private void stopMotors() {
        command.enableMask = 0;
        command.brakeMask = 0;
        java.util.Arrays.fill(command.duty, 0);
    }

    private void sendFault(int code, int detail, long now) {
        fault.code = code;
        fault.detail = detail;
        fault.uptimeMillis = uptimeMillis(now);
        send(fault);
    }

    private long uptimeMillis(long now) {
        return ((now - startNanos) / 1_000_000) & 0xFFFF_FFFFL;
    }

    private void send(Message m) {
        int n = encoder.encode(m, tx, 0);
        link.write(tx, 0, n);
    }

    /** Duty fraction motor {@code i} is driven at now: 0 when disabled or stopped by the watchdog. */
    public double motorDuty(int i) {
        return (command.enableMask & (1 << i)) != 0 ? command.dutyFraction(i) : 0;
    }

    public boolean motorEnabled(int i) {
        return (command.enableMask & (1 << i)) != 0;
    }

    public int servoPulseMicros(int i) {
        return servos.pulseMicros[i];
    }

    /** Sets the encoder count reported for channel {@code i}. */
    public void setTicks(int i, long ticks) {
        report.ticks[i] = (int) ticks;
    }

    public void setBatteryMillivolts(int millivolts) {
        report.batteryMillivolts = millivolts;
    }

    public boolean watchdogTripped() {
        return watchdogTripped;
    }

    public long watchdogTrips() {
        return watchdogTrips;
    }

    public Config config() {
        return config;
    }

    public FrameDecoder decoder() {
        return decoder;
    }
}
