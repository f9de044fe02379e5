package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.bundle.PolicyBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a fine-tuned bundle came from, for {@code provenance.trainerConfig.finetune}: the parent
 * bundle (its ONNX hash is its identity, as the manifest's own {@code parent} field names it), the
 * recorded datasets and the randomization file by content hash, the twin that only scored it, the
 * release number (also the manifest's {@code version}), and how the learner started.
 */
public final class Lineage {

    private Lineage() {
    }

    /** The release number of a bundle fine-tuned from {@code parentVersion}. */
    public static int nextVersion(int parentVersion) {
        return Math.addExact(parentVersion, 1);
    }

    /**
     * @param datasets      each dataset session folder read
     * @param randomization the randomization file, or null for the shipped ranges
     * @param twin          the twin file scoring before/after, or null
     */
    public static Map<String, Object> describe(PolicyBundle parent, int parentVersion, Path run, List<Path> datasets,
                                               Path randomization, Path twin, String warmStart) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", parent.source());
        p.put("task", parent.manifest().taskId() + " v" + parent.manifest().taskVersion());
        p.put("onnxSha256", parent.manifest().onnxSha256());
        p.put("version", parentVersion);
        p.put("gitCommit", parent.manifest().provenance().gitCommit());
        m.put("parent", p);
        m.put("version", nextVersion(parentVersion));
        if (run != null) {
            m.put("run", run.toString());
        }
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Path d : datasets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", d.toString());
            e.put("sha256", ContentHash.of(d));
            ds.add(e);
        }
        m.put("datasets", ds);
        m.put("randomization", file(randomization, "the task's shipped ranges"));
        m.put("twin", file(twin, "none (no twin scored it)"));
        m.put("warmStart", warmStart);
        return m;
    }

    private static Object file(Path f, String none) {
        if (f == null) {
            return none;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", f.toString());
        e.put("sha256", ContentHash.of(f));
        return e;
    }
}
