package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.wire.FrameLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Preallocated single-producer single-consumer ring of telemetry frames, stored as flat
 * primitive arrays (one slot = one stride of each array). The control thread writes slots in
 * place and publishes them with a release store; the sender thread reads them after an acquire
 * load. Nothing is allocated after construction.
 */
final class FrameRing {

    final int capacity;
    private final int mask;
    final int sensorCount;
    final int observationCount;
    final int actionCount;
    final int stageCount;

    final long[] timestampNanos;
    final long[] sequence;
    final long[] startLatenessNanos;
    final int[] safetyFlags;
    final float[] sensors;
    final float[] observation;
    final float[] policyOutput;
    final float[] command;
    final long[] stageNanos;

    /** Slots published by the producer (a count: slot index is {@code n & mask}). */
    private final AtomicLong published = new AtomicLong();
    /** Slots released by the consumer. */
    private final AtomicLong consumed = new AtomicLong();

    FrameRing(int capacity, FrameLayout layout) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.sensorCount = layout.sensors().size();
        this.observationCount = layout.observation().size();
        this.actionCount = layout.actions().size();
        this.stageCount = layout.stageNames().size();
        timestampNanos = new long[capacity];
        sequence = new long[capacity];
        startLatenessNanos = new long[capacity];
        safetyFlags = new int[capacity];
        sensors = new float[capacity * sensorCount];
        observation = new float[capacity * observationCount];
        policyOutput = new float[capacity * actionCount];
        command = new float[capacity * actionCount];
        stageNanos = new long[capacity * stageCount];
    }

    int slot(long n) {
        return (int) (n & mask);
    }

    /** Producer: whether slot number {@code n} may be written (the consumer has released it). */
    boolean hasRoomFor(long n) {
        return n - consumed.getAcquire() < capacity;
    }

    /** Producer: makes slots below {@code n} visible to the consumer. */
    void publish(long n) {
        published.setRelease(n);
    }

    /** Consumer: number of slots published so far. */
    long published() {
        return published.getAcquire();
    }

    /** Consumer: number of slots released so far. */
    long consumed() {
        return consumed.getPlain();
    }

    /** Consumer: gives slots below {@code n} back to the producer. */
    void release(long n) {
        consumed.setRelease(n);
    }
}
