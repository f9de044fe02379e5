package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.WheelEncoder;

/**
 * An encoder channel counted by a microcontroller, read from its latest sensor report. The
 * 32-bit count is unwrapped into a long; the rate comes from counts and MCU timestamps of
 * successive reports at least {@code rateWindowMicros} apart.
 */
public final class LinkEncoder implements WheelEncoder {

    private final McuLink link;
    private final int channel;
    private final double ticksPerRevolution;
    private final int direction;
    private final long rateWindowMicros;
    private boolean started;
    private int lastRaw;
    private long ticks;
    private long rateTicks;
    private long rateMicros;
    private double rate;

    public LinkEncoder(McuLink link, int channel, double ticksPerRevolution, boolean inverted, long rateWindowMicros) {
        this.link = link;
        this.channel = channel;
        this.ticksPerRevolution = ticksPerRevolution;
        this.direction = inverted ? -1 : 1;
        this.rateWindowMicros = rateWindowMicros;
    }

    private void update() {
        SensorReport r = link.latestReport();
        if (link.reportsReceived() == 0) {
            return;
        }
        int raw = r.ticks[channel];
        if (!started) {
            started = true;
            lastRaw = raw;
            rateMicros = r.timestampMicros;
            return;
        }
        ticks += direction * (raw - lastRaw);
        lastRaw = raw;
        long dt = (r.timestampMicros - rateMicros) & 0xFFFF_FFFFL;
        if (dt >= rateWindowMicros) {
            rate = (ticks - rateTicks) * 1e6 / dt;
            rateTicks = ticks;
            rateMicros = r.timestampMicros;
        }
    }

    /** Ticks since the first report this encoder saw. */
    @Override
    public long ticks() {
        update();
        return ticks;
    }

    @Override
    public double ticksPerSecond() {
        update();
        return rate;
    }

    @Override
    public double ticksPerRevolution() {
        return ticksPerRevolution;
    }

    @Override
    public void close() {
        // The link is closed by whoever opened it.
    }
}
