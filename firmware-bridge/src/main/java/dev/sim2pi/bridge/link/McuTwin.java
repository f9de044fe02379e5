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
    private final MotorCommand incoming = new MotorCommand();
    private final MotorEnable motorEnable = new MotorEnable();
    private final Heartbeat hostHeartbeat = new Heartbeat();
    private final ServoCommand servos = new ServoCommand();
    private final SensorReport report = new SensorReport();
    private final Fault fault = new Fault();
    private final Config config = new Config();
    private final Config requested = new Config();
    private final ConfigAck configAck = new ConfigAck();

    private boolean handshaken;
    /** Latched faults (bit code - 1): motors stay off until a MOTOR_ENABLE clears them. */
    private int latchedFaults;
    /**
     * Enable mask of the last command applied: the host means to drive these motors. Outliving a
     * time-to-live coasts the outputs but leaves this set, so a host that then stops sending
     * heartbeats still trips (and latches) the watchdog.
     */
    private int armedMask;
    private boolean commandExpired;
    private long commandExpiresNanos;
    /** Smallest (MCU uptime - host uptime) seen, ms: the host clock's offset plus the least transit delay. */
    private int hostOffsetMillis;
    private boolean hostOffsetKnown;
    private long lastOffsetDriftNanos;
    private long expiredCommands;
    private long ignoredWhileLatched;
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
        if (armedMask != 0 && now - lastFeedNanos > config.heartbeatTimeoutMillis * 1_000_000L) {
            stopMotors();
            armedMask = 0;
            latchedFaults |= 1 << (Fault.HEARTBEAT_TIMEOUT - 1);
            watchdogTrips++;
            sendFault(Fault.HEARTBEAT_TIMEOUT, config.heartbeatTimeoutMillis, now);
        }
        if (command.enableMask != 0 && now - commandExpiresNanos > 0) {
            stopMotors();
            commandExpired = true;
            expiredCommands++;
            sendFault(Fault.COMMAND_EXPIRED, command.ttlMillis, now);
        }
        if (now - lastOffsetDriftNanos >= 1_000_000_000L) {
            // Let the offset estimate rise 1 ms a second (clocks drifting up to 1000 ppm apart):
            // a host clock running slow would otherwise make every command look older and older.
            hostOffsetMillis++;
            lastOffsetDriftNanos = now;
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
            report.faultFlags = latchedFaults | (commandExpired ? 1 << (Fault.COMMAND_EXPIRED - 1) : 0);
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
                hostOffsetKnown = false; // a new host session: its uptime started again
                if (!handshaken) {
                    stopMotors();
                    armedMask = 0;
                    sendFault(Fault.VERSION_MISMATCH, hello.major, now);
                }
            }
            case HEARTBEAT -> {
                lastFeedNanos = now;
                hostHeartbeat.readPayload(buffer, payloadOffset);
                commandAgeMillis(hostHeartbeat.uptimeMillis, now);
            }
            case MOTOR_COMMAND -> {
                lastFeedNanos = now;
                if (handshaken) {
                    incoming.readPayload(buffer, payloadOffset);
                    applyCommand(now);
                }
            }
            case MOTOR_ENABLE -> {
                if (handshaken) {
                    motorEnable.readPayload(buffer, payloadOffset);
                    latchedFaults &= ~motorEnable.clearFaults;
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

    /** Applies {@link #incoming} unless a fault is latched or it is older than its time-to-live. */
    private void applyCommand(long now) {
        int age = commandAgeMillis(incoming.sentMillis, now);
        if (latchedFaults != 0) {
            ignoredWhileLatched++;
            return;
        }
        if (age > incoming.ttlMillis) {
            stopMotors();
            commandExpired = true;
            expiredCommands++;
            sendFault(Fault.COMMAND_EXPIRED, Math.min(age, 0xFFFF), now);
            return;
        }
        command.copyFrom(incoming);
        armedMask = incoming.enableMask;
        commandExpired = false;
        commandExpiresNanos = now + (incoming.ttlMillis - age) * 1_000_000L;
    }

    /**
     * How much longer than the quickest frame so far a frame stamped {@code hostMillis} took to
     * arrive: the age of a command. Also keeps the offset estimate (the least age is 0).
     */
    private int commandAgeMillis(long hostMillis, long now) {
        int sample = (int) (uptimeMillis(now) - hostMillis);
        if (!hostOffsetKnown || sample - hostOffsetMillis < 0) {
            hostOffsetMillis = sample;
            hostOffsetKnown = true;
        }
        return sample - hostOffsetMillis;
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

    /** Whether the heartbeat watchdog tripped and no MOTOR_ENABLE has cleared it since. */
    public boolean watchdogTripped() {
        return (latchedFaults & 1 << (Fault.HEARTBEAT_TIMEOUT - 1)) != 0;
    }

    /** Latched faults, bit {@code code - 1} each. */
    public int latchedFaults() {
        return latchedFaults;
    }

    /** Motor commands not applied because they arrived too old, or run out while driving. */
    public long expiredCommands() {
        return expiredCommands;
    }

    /** Motor commands ignored because a fault was latched. */
    public long commandsIgnoredWhileLatched() {
        return ignoredWhileLatched;
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
