package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.wire.BatchEncoder;

/** The ring's columns as the encoder sees them. */
final class RingFrames implements BatchEncoder.Frames {

    private final FrameRing r;

    RingFrames(FrameRing ring) {
        this.r = ring;
    }

    @Override
    public int sensorCount() {
        return r.sensorCount;
    }

    @Override
    public int observationCount() {
        return r.observationCount;
    }

    @Override
    public int actionCount() {
        return r.actionCount;
    }

    @Override
    public int stageCount() {
        return r.stageCount;
    }

    @Override
    public long timestampNanos(int slot) {
        return r.timestampNanos[slot];
    }

    @Override
    public long sequence(int slot) {
        return r.sequence[slot];
    }

    @Override
    public float sensor(int slot, int i) {
        return r.sensors[slot * r.sensorCount + i];
    }

    @Override
    public float observation(int slot, int i) {
        return r.observation[slot * r.observationCount + i];
    }

    @Override
    public float policyOutput(int slot, int i) {
        return r.policyOutput[slot * r.actionCount + i];
    }

    @Override
    public float command(int slot, int i) {
        return r.command[slot * r.actionCount + i];
    }

    @Override
    public int safetyFlags(int slot) {
        return r.safetyFlags[slot];
    }

    @Override
    public long stageNanos(int slot, int i) {
        return r.stageNanos[slot * r.stageCount + i];
    }

    @Override
    public long startLatenessNanos(int slot) {
        return r.startLatenessNanos[slot];
    }
}
