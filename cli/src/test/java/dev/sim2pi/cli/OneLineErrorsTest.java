package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A failing command prints one line, never a stack trace, unless the user asks for one. */
class OneLineErrorsTest {

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Option(names = "--bad-input")
        boolean badInput;

        @Override
        public void run() {
            if (badInput) {
                throw new IllegalStateException("wrapped", new InputException("--thing x: expected y"));
            }
            throw new UncheckedIOException("cannot serve the monitor on 127.0.0.1:8080",
                    new BindException("Address already in use"));
        }
    }

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Sim2pi.commandLine();
        cli.addSubcommand(new Boom());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int exit = Sim2pi.execute(cli, args);
        return new Run(exit, err.toString());
    }

    @Test
    void anUnexpectedFailureIsOneLineWithItsCauseAndExitOne() {
        Run r = run("boom");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sim2pi: cannot serve the monitor on 127.0.0.1:8080: Address already in use"), r.err());
        assertTrue(r.err().contains("--verbose"), "says how to get the stack trace: " + r.err());
    }

    @Test
    void badInputAnywhereInTheChainIsItsOwnMessageAndExitTwo() {
        Run r = run("boom", "--bad-input");
        assertEquals(2, r.exit());
        assertEquals("sim2pi: --thing x: expected y", r.err().strip());
    }

    @Test
    void verboseAddsTheStackTraceAfterTheLine() {
        Run r = run("boom", "--verbose");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("sim2pi: cannot serve the monitor"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("Caused by: java.net.BindException"), r.err());
        Run before = run("--verbose", "boom");
        assertTrue(before.err().contains("\tat "), "--verbose works before the command too: " + before.err());
    }

    @Test
    void wrappersThatRepeatTheirCauseAreNotRepeated() {
        Exception e = new IllegalStateException("the embedded MQTT broker did not start on 127.0.0.1:1883: "
                + "com.hivemq.exceptions.UnrecoverableException",
                new ExecutionException(new IOException((String) null)));
        assertEquals("the embedded MQTT broker did not start on 127.0.0.1:1883: "
                + "com.hivemq.exceptions.UnrecoverableException: IOException", OneLineErrors.describe(e));
        assertEquals("NullPointerException", OneLineErrors.describe(new NullPointerException()));
    }

    @Test
    void noCommandPrintsAStackTraceForAMissingFile() {
        CliRun r = CliRun.of("bundle", "inspect", "/no/such/bundle");
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sim2pi: "), r.err());
    }
}
