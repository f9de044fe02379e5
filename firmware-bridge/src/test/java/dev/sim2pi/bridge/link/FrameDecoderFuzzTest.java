package dev.sim2pi.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds the decoder over a million frames - intact, mutated, truncated, random garbage and
 * overlong runs - in random-sized chunks, and checks that nothing escapes, every delimited chunk
 * is accounted for, and every intact frame is delivered in order.
 */
class FrameDecoderFuzzTest {

    private static final int UNITS = 1_000_000;

    @Test
    void decoderSurvivesAMillionRandomAndMutatedFramesAndCountsEveryRejection() {
        SplittableRandom r = new SplittableRandom(20261122);
        FrameEncoder enc = new FrameEncoder();
        FrameDecoder dec = new FrameDecoder();
        Message[] pool = {new Hello(), new HelloAck(), new Heartbeat(), new MotorCommand(), new ServoCommand(),
                new SensorReport(), new Fault(), new Config(), new ConfigAck()};
        byte[] frame = new byte[FrameEncoder.MAX_WIRE_LENGTH];
        byte[] stream = new byte[1 << 16];
        long[] intactKeys = new long[UNITS];
        int intact = 0;
        long[] acceptedKeys = new long[UNITS * 2];
        int[] acceptedCount = {0};
        long delimiters = 0;
        int fill = 0;
        FrameHandler handler = (type, seq, buf, off) ->
                acceptedKeys[acceptedCount[0]++] = key(type.code(), buf, off, type.payloadLength());

        for (int unit = 0; unit < UNITS; unit++) {
            Message m = pool[r.nextInt(pool.length)];
            randomize(m, r);
            int n = enc.encode(m, frame, 0);
            int kind = r.nextInt(100);
            int start = fill;
            if (kind < 40) {
                stream[fill++] = 0;
                System.arraycopy(frame, 0, stream, fill, n);
                fill += n;
                byte[] payload = m.payloadBytes();
                intactKeys[intact++] = key(m.type().code(), payload, 0, payload.length);
            } else if (kind < 60) {
                stream[fill++] = 0;
                int edits = 1 + r.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    frame[r.nextInt(n - 1)] ^= (byte) (1 + r.nextInt(255));
                }
                if (r.nextBoolean()) {
                    int cut = r.nextInt(n - 1);
                    System.arraycopy(frame, cut + 1, frame, cut, n - cut - 1);
                    n--;
                }
                System.arraycopy(frame, 0, stream, fill, n);
                fill += n;
            } else if (kind < 75) {
                int keep = 1 + r.nextInt(n - 2);
                System.arraycopy(frame, 0, stream, fill, keep);
                fill += keep;
            } else if (kind < 90) {
                int len = 1 + r.nextInt(200);
                for (int i = 0; i < len; i++) {
                    stream[fill++] = (byte) r.nextInt(256);
                }
            } else {
                int len = 50 + r.nextInt(250);
                for (int i = 0; i < len; i++) {
                    stream[fill++] = (byte) (1 + r.nextInt(255));
                }
            }
            for (int i = start; i < fill; i++) {
                if (stream[i] == 0) {
                    delimiters++;
                }
            }
            if (fill > stream.length - 1024) {
                feedInChunks(dec, stream, fill, r, handler);
                fill = 0;
            }
        }
        stream[fill++] = 0;
        delimiters++;
        feedInChunks(dec, stream, fill, r, handler);

        assertEquals(delimiters, dec.accepted() + dec.rejected() + dec.empty(),
                () -> "every delimited chunk is accepted, rejected or empty: " + dec);
        assertTrue(dec.rejected() > UNITS / 3, dec::toString);
        assertTrue(dec.rejectedCrc() > 0 && dec.rejectedCobs() > 0 && dec.rejectedOverlong() > 0
                && dec.rejectedShort() > 0, dec::toString);
        int accepted = acceptedCount[0];
        assertEquals(dec.accepted(), accepted);
        // Every intact frame arrives, in order; a corrupted chunk passes the CRC only by rare chance.
        int j = 0;
        for (int i = 0; i < accepted && j < intact; i++) {
            if (acceptedKeys[i] == intactKeys[j]) {
                j++;
            }
        }
        assertEquals(intact, j, "intact frames delivered");
        int chance = accepted - intact;
        assertTrue(chance < 100, () -> "chance acceptances: " + chance);
        assertEquals(0, dec.pending());
        System.out.println("fuzz: units=" + UNITS + " intact=" + intact + " " + dec);
    }

    private static void feedInChunks(FrameDecoder dec, byte[] stream, int fill, SplittableRandom r, FrameHandler h) {
        int pos = 0;
        while (pos < fill) {
            int chunk = Math.min(fill - pos, 1 + r.nextInt(64));
            dec.accept(stream, pos, chunk, h);
            pos += chunk;
        }
    }

    private static long key(int type, byte[] buf, int off, int len) {
        long h = type;
        for (int i = off; i < off + len; i++) {
            h = h * 0x100000001B3L ^ (buf[i] & 0xFF);
        }
        return h;
    }

    private static void randomize(Message m, SplittableRandom r) {
        byte[] bytes = new byte[m.type().payloadLength()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) r.nextInt(256);
        }
        m.readPayload(bytes, 0);
    }
}
