package dev.sim2pi.controller.command;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nonces of signed commands still inside the time window, so each is accepted once. Bounded:
 * when full, the entry with the oldest timestamp is dropped and from then on nothing stamped at
 * or before that time is accepted, so dropping an entry can never let its command be replayed.
 * Not thread-safe: the channel calls it from one thread.
 */
final class ReplayCache {

    private record Entry(ByteString nonce, long unixMillis) {
    }

    private final int capacity;
    private final long windowMillis;
    private final Map<ByteString, Entry> byNonce = new HashMap<>();
    private final PriorityQueue<Entry> byTime = new PriorityQueue<>((a, b) -> Long.compare(a.unixMillis, b.unixMillis));
    private long floorMillis = Long.MIN_VALUE;

    ReplayCache(int capacity, long windowMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay cache capacity " + capacity + ": expected at least 1");
        }
        this.capacity = capacity;
        this.windowMillis = windowMillis;
    }

    /** What {@link #admit} found. */
    enum Verdict { NEW, SEEN, BELOW_FLOOR }

    /**
     * Records {@code nonce} stamped {@code unixMillis} (already checked to be within the window of
     * {@code nowMillis}) unless it was seen or is at or below the floor left by evictions.
     */
    Verdict admit(ByteString nonce, long unixMillis, long nowMillis) {
        while (!byTime.isEmpty() && byTime.peek().unixMillis < nowMillis - windowMillis) {
            // Outside the window: the time check refuses it anyway, no need to remember it.
            byNonce.remove(byTime.poll().nonce);
        }
        if (byNonce.containsKey(nonce)) {
            return Verdict.SEEN;
        }
        if (unixMillis <= floorMillis) {
            return Verdict.BELOW_FLOOR;
        }
        if (byNonce.size() >= capacity) {
            Entry oldest = byTime.poll();
            byNonce.remove(oldest.nonce);
            floorMillis = Math.max(floorMillis, oldest.unixMillis);
            if (unixMillis <= floorMillis) {
                return Verdict.BELOW_FLOOR;
            }
        }
        Entry e = new Entry(nonce, unixMillis);
        byNonce.put(nonce, e);
        byTime.add(e);
        return Verdict.NEW;
    }

    int size() {
        return byNonce.size();
    }
}
