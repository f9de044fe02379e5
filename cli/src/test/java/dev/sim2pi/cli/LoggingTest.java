package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The command ships one SLF4J provider: without it SLF4J prints three "no providers" warning
 * lines before a command's own output (as 'train --device cuda' did). Libraries' warnings reach
 * the user; their info chatter and the known-harmless probes do not.
 */
class LoggingTest {

    @Test
    void oneProviderShowsWarningsButNotInfo() {
        assertFalse(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory,
                "no SLF4J provider on the command's class path");
        assertTrue(LoggerFactory.getLogger("com.hivemq.bootstrap.StartupListenerVerifier").isWarnEnabled());
        assertFalse(LoggerFactory.getLogger("com.hivemq.HiveMQServer").isInfoEnabled());
    }

    @Test
    void knownHarmlessWarningsAreQuiet() {
        assertFalse(LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").isWarnEnabled());
        assertFalse(LoggerFactory.getLogger("com.hivemq.extensions.loader.ExtensionLoaderImpl").isWarnEnabled());
    }
}
