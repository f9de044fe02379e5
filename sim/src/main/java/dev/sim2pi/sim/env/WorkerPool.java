package dev.sim2pi.sim.env;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Threads that share out a fixed job of {@code blocks} independent blocks, once per
 * {@link #run()}. The blocks are split into one contiguous share per thread (the caller of
 * {@code run} included); each thread takes its own share's blocks from the front, in order, and
 * when it has none left takes the others' from their back. So on a quiet machine every thread
 * steps the same blocks run after run, and their data stays in its core's cache instead of moving
 * between cores at each run (interleaved blocks made two threads slower than one); on a busy one, a
 * thread the OS has not scheduled yet simply claims nothing and the others do its share. Which
 * thread runs a block never changes what the block computes.
 *
 * <p>Dispatch allocates nothing. Each share's claim word carries the run's generation in its high
 * 32 bits, so a worker that wakes late cannot claim a block of a finished run; threads report the
 * blocks they finished once per run, not per block. Waiters spin briefly, then park.
 */
final class WorkerPool implements AutoCloseable {

    /** Most blocks a run can have: a share's front and back are 16-bit fields of its claim word. */
    static final int MAX_BLOCKS = 0xFFFF;

    private static final int SPINS = 2_000;
    /** Longs between two shares' claim words, so each sits on its own cache lines. */
    private static final int STRIDE = 16;

    private final IntConsumer job;
    private final int blocks;
    private final Thread[] workers;
    /** Per share, at {@code share * STRIDE}: generation (high 32 bits), front (16), back (low 16). */
    private final AtomicLongArray claims;
    private final int[] shareStart;
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread waiter;
    private volatile Throwable failure;

    /**
     * @param threads threads in all, the caller of {@link #run()} included
     * @param job     runs one block, given its index; blocks must not depend on each other
     * @param blocks  blocks per run, at most {@value #MAX_BLOCKS}
     */
    WorkerPool(int threads, String name, IntConsumer job, int blocks) {
        if (threads < 1 || blocks < 1 || blocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("threads must be >= 1 and blocks in [1, " + MAX_BLOCKS + "], got "
                    + threads + ", " + blocks);
        }
        this.job = job;
        this.blocks = blocks;
        this.claims = new AtomicLongArray(threads * STRIDE);
        this.shareStart = new int[threads + 1];
        for (int t = 0; t <= threads; t++) {
            shareStart[t] = (int) ((long) blocks * t / threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int share = i + 1;
            workers[i] = new Thread(() -> work(share), name + "-" + share);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Ids of the worker threads (not the caller's), for allocation measurements. */
    long[] workerThreadIds() {
        long[] ids = new long[workers.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = workers[i].threadId();
        }
        return ids;
    }

    /** Runs every block once and returns when all have finished. */
    void run() {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (workers.length == 0) {
            for (int b = 0; b < blocks; b++) {
                job.accept(b);
            }
            return;
        }
        int g = generation + 1;
        unfinished.set(blocks);
        waiter = Thread.currentThread();
        for (int t = 0; t < threads(); t++) {
            claims.set(t * STRIDE, (long) g << 32 | (long) shareStart[t] << 16 | shareStart[t + 1]);
        }
        generation = g;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        drain(0, g);
        int spins = 0;
        while (unfinished.get() != 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Runs blocks of generation {@code g}: share {@code own}'s from the front, then the others' from the back. */
    private void drain(int own, int g) {
        int done = 0;
        int block;
        while ((block = claim(own, g, true)) >= 0) {
            runBlock(block);
            done++;
        }
        int shares = threads();
        for (int k = 1; k < shares; k++) {
            int other = (own + k) % shares;
            while ((block = claim(other, g, false)) >= 0) {
                runBlock(block);
                done++;
            }
        }
        if (done > 0 && unfinished.addAndGet(-done) == 0) {
            LockSupport.unpark(waiter);
        }
    }

    /** Claims the front or back block left in {@code share} for generation {@code g}, or returns -1. */
    private int claim(int share, int g, boolean front) {
        int at = share * STRIDE;
        while (true) {
            long c = claims.get(at);
            int first = (int) (c >>> 16) & 0xFFFF;
            int end = (int) c & 0xFFFF;
            if ((int) (c >>> 32) != g || first >= end) {
                return -1;
            }
            long next = front ? c + (1L << 16) : c - 1;
            if (claims.compareAndSet(at, c, next)) {
                return front ? first : end - 1;
            }
        }
    }

    private void runBlock(int block) {
        try {
            job.accept(block);
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void work(int share) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int g;
            while ((g = generation) == seen && !closed) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            drain(share, g);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
