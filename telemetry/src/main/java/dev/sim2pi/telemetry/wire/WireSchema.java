package dev.sim2pi.telemetry.wire;

/** Version of the messages in {@code sim2pi_telemetry.proto} this code writes and reads. */
public final class WireSchema {

    /** Written into every message's {@code schema_version}. */
    public static final int VERSION = 1;

    private WireSchema() {
    }
}
