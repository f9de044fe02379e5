package dev.sim2pi.sim.env;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Threads that share out a fixed job of {@code blocks} independent blocks, once per
 * {@link #run()}: the caller and the workers claim blocks from one counter until none are left.
 * A thread the OS has not scheduled yet simply claims nothing, so on a busy machine the others
 * do its share instead of waiting for it. Which thread runs a block never changes what the
 * block computes.
 *
 * <p>Dispatch allocates nothing: the claim counter carries the run's generation in its high 32
 * bits, so a worker that wakes late cannot claim a block of a finished run. Waiters spin
 * briefly, then park.
 */
final class WorkerPool implements AutoCloseable {

    private static final int SPINS = 2_000;

    private final IntConsumer job;
    private final int blocks;
    private final Thread[] workers;
    /** Generation in the high 32 bits, next unclaimed block in the low 32. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread waiter;
    private volatile Throwable failure;

    /**
     * @param threads threads in all, the caller of {@link #run()} included
     * @param job     runs one block, given its index; blocks must not depend on each other
     * @param blocks  blocks per run
     */
    WorkerPool(int threads, String name, IntConsumer job, int blocks) {
        if (threads < 1 || blocks < 1) {
            throw new IllegalArgumentException("threads and blocks must be >= 1, got " + threads + ", " + blocks);
        }
        this.job = job;
        this.blocks = blocks;
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(this::work, name + "-" + (i + 1));
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
        claims.set((long) g << 32);
        generation = g;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        drain(g);
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

    /** Claims and runs blocks of generation {@code g} until none are left. */
    private void drain(int g) {
        while (true) {
            long c = claims.get();
            int block = (int) c;
            if ((int) (c >>> 32) != g || block >= blocks) {
                return;
            }
            if (!claims.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                job.accept(block);
            } catch (Throwable t) {
                failure = t;
            }
            if (unfinished.decrementAndGet() == 0) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private void work() {
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
            drain(g);
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
