package dev.sim2pi.trainer.run;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training progress bar: redrawn in place on a terminal, and on anything else (a log file,
 * a CI console) one plain line every {@link #LOG_INTERVAL_MILLIS}, so logs hold no
 * carriage-return frames.
 */
public final class TrainingProgress {

    /** Set by the {@code ./sim2pi} launcher from {@code [ -t 2 ]}: whether stderr is a terminal. */
    static final String STDERR_TERMINAL_PROPERTY = "sim2pi.stderr.terminal";

    private static final int TERMINAL_INTERVAL_MILLIS = 500;
    private static final int LOG_INTERVAL_MILLIS = 10_000;
    private static final int WIDTH = 110;

    private TrainingProgress() {
    }

    static ProgressBar open(String taskName, long maxSteps, long startSteps, PrintStream err, boolean terminal) {
        return open(taskName, maxSteps, startSteps, " steps", err, terminal);
    }

    /** A bar counting {@code unit} (with its leading space, e.g. {@code " updates"}) from {@code start} to {@code max}. */
    public static ProgressBar open(String taskName, long max, long start, String unit, PrintStream err,
                                   boolean terminal) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(max)
                .startsFrom(start, Duration.ZERO).setUnit(unit, 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(WIDTH);
        if (terminal) {
            return b.setUpdateIntervalMillis(TERMINAL_INTERVAL_MILLIS).setConsumer(new ConsoleProgressBarConsumer(err, WIDTH))
                    .build();
        }
        return b.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS)
                .setConsumer(new DelegatingProgressBarConsumer(new NewLinesOnly(err), WIDTH)).build();
    }

    /** Prints each rendered line unless it repeats the previous one (the bar renders twice when it closes). */
    private static final class NewLinesOnly implements Consumer<String> {
        private final PrintStream err;
        private String last = "";

        NewLinesOnly(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(String rendered) {
            String line = rendered.strip();
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
        }
    }

    /** The bar's trailing message; the bar puts it right after the speed, so it brings its own separator. */
    public static String evalMessage(double evalReturnMean) {
        return String.format(Locale.ROOT, " | eval %.1f", evalReturnMean);
    }

    /**
     * Whether stderr is a terminal: the launcher says so exactly; otherwise the JVM's console
     * (on JDK 22 and later {@code System.console()} exists even when redirected, so ask it).
     */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TERMINAL_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only when attached to a terminal
        }
    }
}
