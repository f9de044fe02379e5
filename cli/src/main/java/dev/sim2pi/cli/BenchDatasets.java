package dev.sim2pi.cli;

import dev.sim2pi.telemetry.record.DatasetMerge;
import dev.sim2pi.telemetry.record.DatasetReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a telemetry benchmark's datasets hold, read back from disk: distinct frames, frames stored
 * twice in one dataset, and (several recorders) frames two recorders both stored, which the merge
 * of their outputs keeps once.
 */
record BenchDatasets(long frames, long duplicates, long crossRecorderDuplicates) {

    /**
     * Reads every dataset under {@code data}; with {@code mergeInto} the recorders' outputs under
     * it are merged there first and the merged datasets are what count.
     */
    static BenchDatasets verify(Path data, Path mergeInto) throws IOException {
        long crossRecorder = 0;
        long withinRecorder = 0;
        Path read = data;
        if (mergeInto != null) {
            List<Path> outputs;
            try (var s = java.nio.file.Files.list(data)) {
                outputs = s.sorted().toList();
            }
            for (Path o : outputs) {
                withinRecorder += count(o)[1];
            }
            for (DatasetMerge.Result r : DatasetMerge.merge(outputs, mergeInto)) {
                crossRecorder += r.duplicates();
            }
            read = mergeInto;
        }
        long[] c = count(read);
        return new BenchDatasets(c[0], c[1] + withinRecorder, crossRecorder - withinRecorder);
    }

    /** Distinct frames and duplicates stored within the datasets under {@code root}. */
    private static long[] count(Path root) throws IOException {
        long distinct = 0;
        long dups = 0;
        for (Path d : DatasetReader.find(root)) {
            Set<Long> seen = new HashSet<>();
            long[] c = {0};
            new DatasetReader(d).frames(f -> {
                if (!seen.add(f.getSequence())) {
                    c[0]++;
                }
            });
            distinct += seen.size();
            dups += c[0];
        }
        return new long[] {distinct, dups};
    }
}
