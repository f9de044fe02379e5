package dev.sim2pi.bridge.pi4j;

/**
 * One output wired to several users (the standby pin of a dual H-bridge serves both motors):
 * high while any user wants it high, low once all want it low.
 */
final class SharedLine {

    private final DigitalLine line;
    private long wantHigh;
    private int users;

    SharedLine(DigitalLine line) {
        this.line = line;
        line.set(false);
    }

    /** A view for one more user. */
    DigitalLine user() {
        long bit = 1L << users++;
        return new DigitalLine() {
            @Override
            public void set(boolean high) {
                wantHigh = high ? wantHigh | bit : wantHigh & ~bit;
                line.set(wantHigh != 0);
            }

            @Override
            public String describe() {
                return line.describe() + " (shared)";
            }
        };
    }
}
