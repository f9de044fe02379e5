package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes evaluation episodes as CSV, one row per episode:
 * {@code episode,seed,return,length,terminated,fell} then one column per plant parameter, named
 * as in the plant's parameter space, holding the value drawn for that episode.
 */
final class EpisodeCsv {

    private EpisodeCsv() {
    }

    static void write(Path file, List<EpisodeOutcome> outcomes, List<String> parameterNames, int maxSteps) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("episode,seed,return,length,terminated,fell");
            for (String name : parameterNames) {
                header.append(',').append(name);
            }
            w.write(header.append('\n').toString());
            for (EpisodeOutcome o : outcomes) {
                StringBuilder row = new StringBuilder();
                row.append(o.episode()).append(',').append(o.seed()).append(',').append(o.episodeReturn())
                        .append(',').append(o.length()).append(',').append(o.terminated() ? 1 : 0)
                        .append(',').append(ReturnSummary.isFall(o, maxSteps) ? 1 : 0);
                for (double p : o.parameters()) {
                    row.append(',').append(p);
                }
                w.write(row.append('\n').toString());
            }
        } catch (IOException e) {
            throw new InputException("--csv " + file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
