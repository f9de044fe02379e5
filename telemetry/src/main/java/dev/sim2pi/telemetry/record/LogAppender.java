package dev.sim2pi.telemetry.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * How a record reaches a {@link FramedLog} file. The recorder's datasets and the publisher's
 * spool write through one, so tests can make the disk fill up (a partial write, then
 * {@code IOException("No space left on device")}) exactly where they want.
 */
@FunctionalInterface
public interface LogAppender {

    /** The real thing: {@link FramedLog#append}. */
    LogAppender DIRECT = FramedLog::append;

    /** Appends one record at the channel's position; returns the offset its header starts at. */
    long append(FileChannel ch, ByteBuffer scratch, CRC32C crc, byte[] payload, int off, int len) throws IOException;
}
