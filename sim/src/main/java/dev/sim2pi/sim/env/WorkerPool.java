package dev.sim2pi.sim.env;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run one job on shards {@code 0..threads-1} and return when all
 * are done; the calling thread runs shard 0. Dispatch allocates nothing (a generation counter and
 * park/unpark), so a batched step stays allocation-free. Waiters spin briefly, then park, which
 * keeps a shared, busy machine usable.
 */
final class WorkerPool implements AutoCloseable {

    private static final int SPINS = 2_000;

    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private IntConsumer job;

    WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int shard = i + 1;
            workers[i] = new Thread(() -> work(shard), name + "-" + shard);
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

    /** Runs {@code job.accept(shard)} for every shard and waits for all of them. */
    void run(IntConsumer job) {
        if (workers.length == 0) {
            job.accept(0);
            return;
        }
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        this.job = job;
        pending.set(workers.length);
        waiter = Thread.currentThread();
        generation++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Throwable own = null;
        try {
            job.accept(0);
        } catch (Throwable t) {
            own = t;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable workerFailure = failure;
        failure = null;
        if (own != null) {
            rethrow(own);
        }
        if (workerFailure != null) {
            throw new IllegalStateException("a worker shard failed", workerFailure);
        }
    }

    private void work(int shard) {
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
            try {
                job.accept(shard);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
