package dev.sim2pi.controller.testing;

import dev.sim2pi.models.bundle.inference.PolicyRunner;
import java.util.function.IntConsumer;

/**
 * A policy runner for loop tests: writes a fixed command (changeable between periods), can take
 * stepped time or throw on a chosen call, and records when each call happened. A narrow seam, not
 * a policy: the shipped bundles cover real inference.
 */
public final class ScriptedRunner implements PolicyRunner {

    private final int obsSize;
    private final int actSize;
    public volatile float command;
    public volatile boolean throwNext;
    public volatile IntConsumer onCall = k -> { };
    public long calls;
    public final float[] lastObservation;

    public ScriptedRunner(int obsSize, int actSize) {
        this.obsSize = obsSize;
        this.actSize = actSize;
        this.lastObservation = new float[obsSize];
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionSize() {
        return actSize;
    }

    @Override
    public void act(float[] obs, int obsOffset, float[] action, int actionOffset) {
        onCall.accept((int) calls++);
        System.arraycopy(obs, obsOffset, lastObservation, 0, obsSize);
        if (throwNext) {
            throwNext = false;
            throw new IllegalStateException("scripted inference failure");
        }
        for (int i = 0; i < actSize; i++) {
            action[actionOffset + i] = command;
        }
    }

    @Override
    public void close() {
    }
}
