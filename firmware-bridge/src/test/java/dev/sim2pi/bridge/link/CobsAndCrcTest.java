package dev.sim2pi.bridge.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CobsAndCrcTest {

    @Test
    void crcMatchesTheCcittFalseCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.compute(check, 0, check.length));
    }

    @Test
    void cobsMatchesTheReferenceExamples() {
        assertCobs("00", "0101");
        assertCobs("0000", "010101");
        assertCobs("1122003344", "031122033344");
        assertCobs("11223344", "0511223344");
        assertCobs("11000000", "02110101 01".replace(" ", ""));
    }

    private static void assertCobs(String plainHex, String encodedHex) {
        HexFormat hex = HexFormat.of();
        byte[] plain = hex.parseHex(plainHex);
        byte[] out = new byte[Cobs.maxEncodedLength(plain.length)];
        int n = Cobs.encode(plain, 0, plain.length, out, 0);
        assertEquals(encodedHex, hex.formatHex(out, 0, n));
        int m = Cobs.decodeInPlace(out, 0, n);
        assertArrayEquals(plain, Arrays.copyOf(out, m));
    }

    @Test
    void cobsRoundTripsRandomBlocksWithoutZerosInTheOutput() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] plain = new byte[rnd.nextInt(600)];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = rnd.nextInt(4) == 0 ? 0 : (byte) rnd.nextInt(256);
            }
            byte[] out = new byte[Cobs.maxEncodedLength(plain.length)];
            int n = Cobs.encode(plain, 0, plain.length, out, 0);
            assertTrue(n <= Cobs.maxEncodedLength(plain.length));
            for (int i = 0; i < n; i++) {
                assertTrue(out[i] != 0, "zero at " + i);
            }
            int m = Cobs.decodeInPlace(out, 0, n);
            assertArrayEquals(plain, Arrays.copyOf(out, m));
        }
    }

    @Test
    void cobsRejectsACodeThatPointsPastTheEnd() {
        byte[] bad = {5, 1, 2};
        assertEquals(-1, Cobs.decodeInPlace(bad, 0, bad.length));
    }
}
