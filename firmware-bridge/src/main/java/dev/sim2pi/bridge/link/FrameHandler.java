package dev.sim2pi.bridge.link;

/** Receives each frame the decoder accepted. */
@FunctionalInterface
public interface FrameHandler {

    /**
     * A valid frame: its type is known, its payload has the type's length and its CRC matched.
     * {@code buffer} is reused after the call returns.
     */
    void onFrame(MessageType type, int sequence, byte[] buffer, int payloadOffset);
}
