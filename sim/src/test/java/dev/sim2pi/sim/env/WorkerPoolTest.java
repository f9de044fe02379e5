package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyBlockRunsExactlyOncePerRun() {
        int blocks = 37;
        AtomicIntegerArray counts = new AtomicIntegerArray(blocks);
        try (WorkerPool pool = new WorkerPool(3, "test", b -> counts.incrementAndGet(b), blocks)) {
            for (int run = 1; run <= 2000; run++) {
                pool.run();
                for (int b = 0; b < blocks; b++) {
                    assertEquals(run, counts.get(b), "block " + b + " after run " + run);
                }
            }
        }
    }

    @Test
    void theOthersFinishTheShareOfAThreadThatIsHeldUp() throws Exception {
        // Two threads, shares 0-3 and 4-7. Block 4 (the front of share 1) finishes only once 5, 6
        // and 7 have, so whoever runs 4 needs another thread to take those from the back; without
        // that, run() fails after the wait.
        java.util.concurrent.CountDownLatch restOfShare = new java.util.concurrent.CountDownLatch(3);
        try (WorkerPool pool = new WorkerPool(2, "test", b -> {
            if (b == 4) {
                try {
                    if (!restOfShare.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("blocks 5-7 never ran");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else if (b > 4) {
                restOfShare.countDown();
            }
        }, 8)) {
            pool.run();
        }
        assertEquals(0, restOfShare.getCount());
    }

    @Test
    void aFailingBlockFailsTheRunAndThePoolKeepsWorking() {
        int[] calls = new int[1];
        IllegalStateException boom = new IllegalStateException("boom");
        boolean[] fail = {true};
        try (WorkerPool pool = new WorkerPool(2, "test", b -> {
            if (b == 5 && fail[0]) {
                throw boom;
            }
            synchronized (calls) {
                calls[0]++;
            }
        }, 8)) {
            assertSame(boom, assertThrows(IllegalStateException.class, pool::run));
            fail[0] = false;
            pool.run();
            assertEquals(7 + 8, calls[0]);
        }
    }

    @Test
    void aClosedPoolRefusesToRun() {
        WorkerPool pool = new WorkerPool(2, "test", b -> { }, 4);
        pool.close();
        assertThrows(IllegalStateException.class, pool::run);
    }
}
