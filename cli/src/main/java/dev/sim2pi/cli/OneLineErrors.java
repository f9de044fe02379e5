package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * What a user sees when a command fails: one line, {@code sim2pi: <what went wrong>}. Bad input
 * ({@link InputException}) exits 2 and its message says it all; anything else exits 1 with the
 * messages of its cause chain. The stack trace is printed only when asked for ({@code --verbose}
 * or {@code SIM2PI_VERBOSE=1}), for a bug report.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

    static final String VERBOSE_ENV = "SIM2PI_VERBOSE";

    private final BooleanSupplier verboseOption;

    OneLineErrors(BooleanSupplier verboseOption) {
        this.verboseOption = verboseOption;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = verboseOption.getAsBoolean() || isSet(System.getenv(VERBOSE_ENV));
        Throwable input = ex;
        while (input != null && !(input instanceof InputException)) {
            input = input.getCause();
        }
        if (input != null) {
            err.println("sim2pi: " + input.getMessage());
        } else {
            err.println("sim2pi: " + describe(ex) + (verbose ? "" : " (stack trace: --verbose or " + VERBOSE_ENV + "=1)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return input != null ? 2 : 1;
    }

    /** The messages along the cause chain, each once: wrappers often repeat their cause's text. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage();
            if (t.getCause() != null && t.getCause().toString().equals(message)) {
                continue; // a bare wrapper, such as ExecutionException(cause)
            }
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message.strip());
            }
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean isSet(String env) {
        return env != null && !env.isBlank() && !env.equals("0") && !env.equalsIgnoreCase("false");
    }
}
