package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'sim2pi broker' then 'sim2pi monitor' (the README's telemetry section): the second uses the first's broker. */
class BrokerOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aBrokerAlreadyListeningOnThePortIsUsedNotStartedAgain() throws Exception {
        Path file = dir.resolve("broker-credentials.properties");
        BrokerCredentials.generate(List.of()).write(file);
        try (EmbeddedBroker running = EmbeddedBroker.start(0, null, BrokerCredentials.read(file))) {
            BrokerOptions options = new BrokerOptions();
            options.embeddedPort = running.port();
            options.credentials = file;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            BrokerOptions.Target target;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                target = options.open(BrokerCredentials.RECORDER);
            } finally {
                System.setErr(oldErr);
            }
            try (target) {
                assertNull(target.embedded(), "no second broker");
                assertEquals("tcp://127.0.0.1:" + running.port(), target.settings().serverUrl());
                assertEquals(BrokerCredentials.RECORDER, target.settings().username(), "connects with the file's credentials");
            }
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, said.lines().count(), said);
            assertTrue(said.startsWith("sim2pi: a broker already listens on 127.0.0.1:" + running.port()), said);
        }
    }

    @Test
    void aFreePortIsNotListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
            assertTrue(BrokerOptions.listening(port));
        }
        assertFalse(BrokerOptions.listening(port));
        assertFalse(BrokerOptions.listening(0));
    }
}
