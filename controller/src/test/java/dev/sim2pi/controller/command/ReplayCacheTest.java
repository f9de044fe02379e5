package dev.sim2pi.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    private static ByteString nonce(int i) {
        return ByteString.copyFromUtf8("nonce-" + i + "-padding-to-16");
    }

    @Test
    void aNonceIsAdmittedOnce() {
        ReplayCache c = new ReplayCache(8, 30_000);
        assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(1), 1_000, 1_000));
        assertEquals(ReplayCache.Verdict.SEEN, c.admit(nonce(1), 1_000, 2_000));
        assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(2), 1_000, 2_000));
    }

    @Test
    void whenFullTheOldestIsEvictedAndNothingStampedBeforeItIsAdmittedAgain() {
        ReplayCache c = new ReplayCache(3, 30_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(i), 1_000 + i, 2_000));
        }
        assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(3), 1_010, 2_000));
        assertEquals(3, c.size());
        // nonce(0) was evicted: it must still not come back, nor anything as old.
        assertEquals(ReplayCache.Verdict.BELOW_FLOOR, c.admit(nonce(0), 1_000, 2_000));
        assertEquals(ReplayCache.Verdict.BELOW_FLOOR, c.admit(nonce(9), 999, 2_000));
    }

    @Test
    void entriesThatLeftTheWindowAreForgottenWithoutRaisingTheFloor() {
        ReplayCache c = new ReplayCache(2, 30_000);
        c.admit(nonce(1), 1_000, 1_000);
        c.admit(nonce(2), 1_000, 1_000);
        assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(3), 40_000, 40_000));
        assertEquals(1, c.size());
        assertEquals(ReplayCache.Verdict.NEW, c.admit(nonce(4), 39_000, 40_000));
    }
}
