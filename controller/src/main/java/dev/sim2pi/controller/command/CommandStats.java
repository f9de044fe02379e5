package dev.sim2pi.controller.command;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of the command channel, safe to read from any thread. */
public final class CommandStats {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLongArray refused = new AtomicLongArray(Refusal.values().length);
    private final AtomicLong acksFailed = new AtomicLong();

    void countReceived() {
        received.incrementAndGet();
    }

    void countAccepted() {
        accepted.incrementAndGet();
    }

    void countRefused(Refusal why) {
        refused.incrementAndGet(why.ordinal());
    }

    void countAckFailed() {
        acksFailed.incrementAndGet();
    }

    /** Command messages that arrived, whatever became of them. */
    public long received() {
        return received.get();
    }

    /** Commands carried out. */
    public long accepted() {
        return accepted.get();
    }

    public long refused(Refusal why) {
        return refused.get(why.ordinal());
    }

    /** All refusals, whatever the reason. */
    public long refused() {
        long n = 0;
        for (int i = 0; i < refused.length(); i++) {
            n += refused.get(i);
        }
        return n;
    }

    /** Acknowledgements that could not be published (broker away). */
    public long acksFailed() {
        return acksFailed.get();
    }

    /** Refusal counts by reason, only the reasons that occurred. */
    public Map<Refusal, Long> refusals() {
        Map<Refusal, Long> m = new EnumMap<>(Refusal.class);
        for (Refusal r : Refusal.values()) {
            if (refused(r) > 0) {
                m.put(r, refused(r));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "received=" + received() + " accepted=" + accepted() + " refused=" + refused() + " " + refusals();
    }
}
