package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    private static String render(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = TrainingProgress.open("train pendulum-v1", 10_000, 0, err, terminal)) {
            bar.stepTo(4_000);
            bar.setExtraMessage(TrainingProgress.evalMessage(-157.04));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsPlainLinesWithoutCarriageReturns() {
        String log = render(false);
        assertFalse(log.contains("\r"), log);
        assertTrue(log.endsWith("\n"), log);
        String last = log.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("train pendulum-v1"), last);
        assertTrue(last.contains("4000/10000"), last);
        assertEquals(log.lines().count(), log.lines().distinct().count(), "no line repeats: " + log);
    }

    @Test
    void theSpeedAndTheEvaluationAreSeparated() {
        for (boolean terminal : new boolean[] {false, true}) {
            String text = render(terminal);
            assertTrue(text.matches("(?s).*steps/s \\| eval -157\\.0\\s*"), text.replace("\r", "<CR>"));
        }
    }
}
