package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.models.time.Clock;

/**
 * A quadrature encoder on two GPIO inputs, counting every edge of both channels (4 ticks per
 * cycle). Edges arrive on Pi4J's event thread; the count is read lock-free by the control loop.
 * An edge that skips a state (both channels changed between events: an edge was missed) is
 * counted as an error, not guessed. It follows at most as many edges per second as Pi4J
 * dispatches events: {@code sim2pi bench encoder} measures the Java side (about 9 million edges/s
 * on the mock platform); on a Pi each input's events come from its own gpiod thread, one native
 * read per edge, which is far slower and may reorder A and B edges at high rates. Open the inputs
 * with debounce 0.
 */
public final class QuadratureEncoder implements WheelEncoder {

    /** Tick change by (previous state << 2 | new state); state = A << 1 | B; A leads B forward. */
    private static final int[] DELTA = {
        0, -1, +1, 0,
        +1, 0, 0, -1,
        -1, 0, 0, +1,
        0, +1, -1, 0,
    };
    private static final boolean[] ILLEGAL = {
        false, false, false, true,
        false, false, true, false,
        false, true, false, false,
        true, false, false, false,
    };

    private final DigitalInput a;
    private final DigitalInput b;
    private final Clock clock;
    private final double ticksPerRevolution;
    private final int direction;
    private final long rateWindowNanos;
    private final DigitalStateChangeListener onA = this::edgeA;
    private final DigitalStateChangeListener onB = this::edgeB;

    private final Object lock = new Object();
    private int state;
    private volatile long ticks;
    private volatile long errors;

    private long rateTicks;
    private long rateNanos;
    private double rate;

    /**
     * @param ticksPerRevolution edges of both channels per wheel revolution (calibration)
     * @param inverted           count the other way (encoder mounted mirrored)
     * @param rateWindowNanos    shortest span the tick rate is measured over
     */
    public QuadratureEncoder(DigitalInput a, DigitalInput b, Clock clock, double ticksPerRevolution,
                             boolean inverted, long rateWindowNanos) {
        if (!(ticksPerRevolution > 0)) {
            throw new IllegalArgumentException("ticksPerRevolution must be > 0, got " + ticksPerRevolution);
        }
        this.a = a;
        this.b = b;
        this.clock = clock;
        this.ticksPerRevolution = ticksPerRevolution;
        this.direction = inverted ? -1 : 1;
        this.rateWindowNanos = rateWindowNanos;
        this.state = (a.isHigh() ? 2 : 0) | (b.isHigh() ? 1 : 0);
        this.rateNanos = clock.nanoTime();
        a.addListener(onA);
        b.addListener(onB);
    }

    private void edgeA(DigitalStateChangeEvent<?> event) {
        edge(event.state().isHigh() ? state | 2 : state & ~2);
    }

    private void edgeB(DigitalStateChangeEvent<?> event) {
        edge(event.state().isHigh() ? state | 1 : state & ~1);
    }

    /** Handles a new pin state {@code next} (A << 1 | B); package-private for the missed-edge test. */
    void edge(int next) {
        synchronized (lock) {
            int index = state << 2 | next;
            if (ILLEGAL[index]) {
                errors++;
            } else {
                ticks += direction * DELTA[index];
            }
            state = next;
        }
    }

    @Override
    public long ticks() {
        return ticks;
    }

    /** Transitions that skipped a state: edges came faster than they were dispatched. */
    public long errors() {
        return errors;
    }

    /** Ticks per second over the last window of at least {@code rateWindowNanos}; call from one thread. */
    @Override
    public double ticksPerSecond() {
        long now = clock.nanoTime();
        long dt = now - rateNanos;
        if (dt >= rateWindowNanos && dt > 0) {
            long t = ticks;
            rate = (t - rateTicks) * 1e9 / dt;
            rateTicks = t;
            rateNanos = now;
        }
        return rate;
    }

    @Override
    public double ticksPerRevolution() {
        return ticksPerRevolution;
    }

    @Override
    public void close() {
        a.removeListener(onA);
        b.removeListener(onB);
    }
}
