package dev.sim2pi.controller.command;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock a test sets by hand. */
final class WallClock implements InstantSource {

    private final AtomicLong millis;

    WallClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    void set(long millis) {
        this.millis.set(millis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
