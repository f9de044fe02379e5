package dev.sim2pi.telemetry.record;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the outputs of several recorders (a shared subscription group splits each robot's batches
 * among them, or recorders ran one after another) into one dataset per robot and session: every
 * frame once, ordered by sequence, with the session's layout, schema and reader.
 */
public final class DatasetMerge {

    /** Frames per index entry of a merged dataset (there are no batches left to index by). */
    private static final int INDEX_EVERY = 256;

    /** What merging one robot session gave. */
    public record Result(String robot, String session, int sources, long frames, long duplicates, long missing,
                         long corruptRecords, boolean hadLayout) {
    }

    private DatasetMerge() {
    }

    /**
     * Merges the datasets under {@code roots} (recorder output directories, {@code <robot>/<session>/}
     * below each) into {@code out}, which must not hold any of those sessions yet.
     */
    public static List<Result> merge(List<Path> roots, Path out) throws IOException {
        Map<String, List<Path>> sessions = new LinkedHashMap<>();
        for (Path root : roots) {
            List<Path> found = DatasetReader.find(root);
            if (found.isEmpty()) {
                throw new InputException("dataset path " + root + ": holds no dataset (no frames.log below it)");
            }
            for (Path d : found) {
                if (d.getNameCount() < 2) {
                    throw new InputException("dataset " + d + ": expected <robot>/<session>/ folders");
                }
                String key = d.getName(d.getNameCount() - 2) + "/" + d.getFileName();
                sessions.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : sessions.entrySet()) {
            Path target = out.resolve(e.getKey());
            if (Files.exists(target.resolve(DatasetWriter.FRAMES))) {
                throw new InputException("merge output " + target + ": exists already; choose an empty --out");
            }
            results.add(mergeSession(e.getKey(), e.getValue(), target));
        }
        return results;
    }

    private static Result mergeSession(String key, List<Path> sources, Path target) throws IOException {
        // Where every frame lies: sequence, source and offset; sorted by sequence, the first copy wins.
        long count = 0;
        long corrupt = 0;
        List<long[]> seqs = new ArrayList<>();
        List<long[]> offsets = new ArrayList<>();
        for (Path s : sources) {
            LongList seq = new LongList();
            LongList off = new LongList();
            FramedLog.ScanResult scan = FramedLog.read(s.resolve(DatasetWriter.FRAMES), (offset, payload) -> {
                seq.add(Frame.parseFrom(payload).getSequence());
                off.add(offset);
            });
            corrupt += scan.badRecords();
            seqs.add(seq.toArray());
            offsets.add(off.toArray());
            count += seq.size;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InputException("dataset " + key + ": " + count + " frames; merging handles at most 2^31");
        }
        Integer[] order = new Integer[(int) count];
        long[] seqAll = new long[(int) count];
        int[] src = new int[(int) count];
        long[] offAll = new long[(int) count];
        int k = 0;
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < seqs.get(i).length; j++) {
                order[k] = k;
                seqAll[k] = seqs.get(i)[j];
                src[k] = i;
                offAll[k++] = offsets.get(i)[j];
            }
        }
        // Stable: of equal sequences the copy from the first source comes first.
        Arrays.sort(order, (a, b) -> Long.compare(seqAll[a], seqAll[b]));
        Optional<SessionAnnouncement> announcement = Optional.empty();
        for (Path s : sources) {
            announcement = new DatasetReader(s).announcement();
            if (announcement.isPresent()) {
                break;
            }
        }
        FileChannel[] in = new FileChannel[sources.size()];
        long duplicates = 0;
        long missing;
        try (DatasetWriter w = new DatasetWriter(target)) {
            for (int i = 0; i < in.length; i++) {
                in[i] = FileChannel.open(sources.get(i).resolve(DatasetWriter.FRAMES), StandardOpenOption.READ);
            }
            if (announcement.isPresent()) {
                w.announce(announcement.get());
            }
            long written = 0;
            for (int idx : order) {
                byte[] payload = FramedLog.readAt(in[src[idx]], offAll[idx]);
                if (written % INDEX_EVERY == 0 && !w.seen(seqAll[idx])) {
                    w.indexBatch(seqAll[idx], Frame.parseFrom(payload).getTimestampNanos());
                }
                if (w.write(seqAll[idx], payload, 0, payload.length)) {
                    written++;
                } else {
                    duplicates++;
                }
            }
            missing = w.missing();
        } finally {
            for (FileChannel c : in) {
                if (c != null) {
                    c.close();
                }
            }
        }
        String[] parts = key.split("/");
        return new Result(parts[0], parts[1], sources.size(), count - duplicates, duplicates, missing, corrupt,
                announcement.isPresent());
    }

    /** A growable array of longs, to keep millions of positions without boxing them. */
    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
