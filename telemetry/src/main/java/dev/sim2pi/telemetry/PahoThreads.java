package dev.sim2pi.telemetry;

import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.internal.CommsCallback;
import org.eclipse.paho.mqttv5.client.internal.CommsReceiver;
import org.eclipse.paho.mqttv5.client.internal.CommsSender;

/**
 * Threads for every Paho client of this process, so that connecting takes milliseconds rather
 * than 300 ms.
 *
 * <p>Paho 1.2.5 starts each of a connection's three worker loops and then polls, with
 * {@code Thread.sleep(100)}, until the loop reports running (eclipse-paho/paho.mqtt.java#945);
 * the loop can only report it after the starting thread has let go of a lock, so the first poll
 * always misses and every connect pays 3 x 100 ms. After a broker restart that delay alone put
 * the frames enqueued meanwhile far beyond the 100 ms latency budget. Here each worker loop
 * gets its own daemon thread, and once it runs, the thread waiting for it is woken from that
 * sleep (Paho retries the check on interruption); periodic work such as pings stays on one
 * shared scheduler thread. Paho never shuts down an executor it was given, so one serves all.
 */
public final class PahoThreads extends ScheduledThreadPoolExecutor {

    private static final PahoThreads SHARED = new PahoThreads();
    private static final long WATCH_NANOS = 1_000_000L;
    private static final int WATCH_LIMIT = 500;
    /** Polls after the loop runs without catching the starter asleep: by then it has woken by itself. */
    private static final int GIVE_UP_POLLS = 150;
    private final AtomicInteger count = new AtomicInteger();

    private PahoThreads() {
        super(1, r -> {
            Thread t = new Thread(r, "paho-scheduler");
            t.setDaemon(true);
            return t;
        });
        setRemoveOnCancelPolicy(true);
    }

    /** The executor to hand to {@code new MqttAsyncClient(url, id, persistence, null, PahoThreads.shared())}. */
    public static PahoThreads shared() {
        return SHARED;
    }

    @Override
    public void execute(Runnable command) {
        start(command);
    }

    @Override
    public Future<?> submit(Runnable task) {
        FutureTask<Void> future = new UninterruptedTask(task);
        Thread waiting = Thread.currentThread();
        start(future);
        if (isWorkerLoop(task)) {
            wakeWhenRunning(task, waiting);
        }
        return future;
    }

    /**
     * Paho stops a worker loop by cancelling its future with interruption, which it never does to
     * the threads it starts itself; an interrupt would close any {@code FileChannel} the loop is
     * writing, such as a recorder's dataset in the message callback. The loops end on their own.
     */
    private static final class UninterruptedTask extends FutureTask<Void> {
        UninterruptedTask(Runnable task) {
            super(task, null);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return super.cancel(false);
        }
    }

    private void start(Runnable r) {
        Thread t = new Thread(r, "paho-" + count.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private static boolean isWorkerLoop(Runnable task) {
        return task instanceof CommsSender || task instanceof CommsReceiver || task instanceof CommsCallback;
    }

    private static boolean running(Runnable task) {
        return switch (task) {
            case CommsSender s -> s.isRunning();
            case CommsReceiver r -> r.isRunning();
            case CommsCallback c -> c.isRunning();
            default -> true;
        };
    }

    /**
     * Interrupts the starter's 100 ms sleep once the loop runs: polls every millisecond until the
     * starter is seen sleeping in that loop's {@code start} (then wakes it) or sleeping elsewhere
     * (it noticed by itself and moved on); gives up once a sleep would have ended on its own. Only
     * a thread caught sleeping inside {@code start} is interrupted, so no interrupt can reach
     * anything it does later.
     */
    private void wakeWhenRunning(Runnable task, Thread waiting) {
        Watch w = new Watch(task, waiting);
        w.future = scheduleAtFixedRate(w, WATCH_NANOS, WATCH_NANOS, TimeUnit.NANOSECONDS);
    }

    private static final class Watch implements Runnable {
        private final Runnable task;
        private final Thread waiting;
        private int polls;
        private int pollsSinceRunning;
        private boolean finished;
        volatile ScheduledFuture<?> future;

        Watch(Runnable task, Thread waiting) {
            this.task = task;
            this.waiting = waiting;
        }

        @Override
        public void run() {
            if (!finished) {
                polls++;
                if (running(task)) {
                    pollsSinceRunning++;
                    // The stack is only read of a sleeping starter: reading it stops the thread.
                    Place place = waiting.getState() == Thread.State.TIMED_WAITING ? starterPlace() : Place.IN_START;
                    if (place == Place.SLEEPING_IN_START) {
                        waiting.interrupt();
                    }
                    finished = place != Place.IN_START || pollsSinceRunning > GIVE_UP_POLLS;
                }
                finished |= polls > WATCH_LIMIT;
            }
            ScheduledFuture<?> f = future;
            if (finished && f != null) {
                f.cancel(false);
            }
        }

        private Place starterPlace() {
            StackTraceElement[] stack = waiting.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                StackTraceElement e = stack[i];
                if (e.getClassName().equals(task.getClass().getName()) && e.getMethodName().equals("start")) {
                    boolean sleeping = i >= 1 && stack[i - 1].getClassName().equals(Thread.class.getName())
                            && waiting.getState() == Thread.State.TIMED_WAITING;
                    return sleeping ? Place.SLEEPING_IN_START : Place.IN_START;
                }
            }
            return Place.ELSEWHERE;
        }
    }

    private enum Place { SLEEPING_IN_START, IN_START, ELSEWHERE }
}
