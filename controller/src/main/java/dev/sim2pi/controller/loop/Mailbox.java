package dev.sim2pi.controller.loop;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Requests from other threads to the loop, lock-free: request bits, operator inputs (as raw
 * double bits with a dirty mask) and a prepared policy waiting to be swapped in. The loop takes
 * them at the start of a period; nothing here blocks or allocates on the loop's side.
 */
public final class Mailbox {

    static final int ARM = 1;
    static final int STOP = 2;
    static final int EMERGENCY_STOP = 4;
    static final int RESET = 8;

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLongArray operatorBits;
    private final AtomicLong operatorDirty = new AtomicLong();
    final AtomicReference<PreparedPolicy> pendingPolicy = new AtomicReference<>();
    /** The policy swapped out, waiting for a thread other than the loop to close it. */
    final AtomicReference<PreparedPolicy> retiredPolicy = new AtomicReference<>();

    Mailbox(int sensorChannels) {
        if (sensorChannels > 64) {
            throw new IllegalArgumentException("at most 64 sensor channels, got " + sensorChannels);
        }
        operatorBits = new AtomicLongArray(sensorChannels);
    }

    void post(int request) {
        requests.getAndUpdate(r -> r | request);
    }

    int takeRequests() {
        return requests.getAndSet(0);
    }

    void setOperator(int channel, double value) {
        operatorBits.set(channel, Double.doubleToRawLongBits(value));
        operatorDirty.getAndUpdate(d -> d | (1L << channel));
    }

    long takeOperatorDirty() {
        return operatorDirty.getAndSet(0);
    }

    double operator(int channel) {
        return Double.longBitsToDouble(operatorBits.get(channel));
    }

    /** Queues a prepared policy; false when another swap is still under way. */
    public boolean offerPolicy(PreparedPolicy policy) {
        return retiredPolicy.get() == null && pendingPolicy.compareAndSet(null, policy);
    }

    /** Takes the policy the loop swapped out, for closing off the loop thread; null if none. */
    public PreparedPolicy takeRetired() {
        return retiredPolicy.getAndSet(null);
    }

    /** Whether a swap is waiting for the next period boundary. */
    public boolean swapPending() {
        return pendingPolicy.get() != null;
    }
}
