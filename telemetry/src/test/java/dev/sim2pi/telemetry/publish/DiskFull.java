package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.record.FramedLog;
import dev.sim2pi.telemetry.record.LogAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The real {@link FramedLog#append}, until the test says the disk is full: then a write gets
 * part of a record's header onto the file and fails as the kernel reports ENOSPC. Or any
 * {@link RuntimeException} the test hands it, once.
 */
public final class DiskFull implements LogAppender {

    public volatile boolean full;
    public volatile RuntimeException once;
    public volatile int refusals;

    @Override
    public long append(FileChannel ch, ByteBuffer scratch, CRC32C crc, byte[] payload, int off, int len)
            throws IOException {
        RuntimeException r = once;
        if (r != null) {
            once = null;
            throw r;
        }
        if (full) {
            refusals++;
            ch.write(ByteBuffer.wrap(new byte[] {(byte) len, 0, 0}));
            throw new IOException("No space left on device");
        }
        return FramedLog.append(ch, scratch, crc, payload, off, len);
    }
}
