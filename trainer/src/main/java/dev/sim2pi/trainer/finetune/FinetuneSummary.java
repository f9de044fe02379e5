package dev.sim2pi.trainer.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.trainer.sac.Evaluator;
import java.io.IOException;
import java.nio.file.Path;

/** {@code summary.json} of a fine-tuning run: the result, the held-out score and how to reproduce it. */
final class FinetuneSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FinetuneSummary() {
    }

    static void write(Path file, FinetuneResult r, FinetuneLoop.Outcome outcome, String command) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("bundle", "bundle");
        n.put("version", r.version());
        number(n, "returnBeforeTwin", r.returnBefore());
        number(n, "returnAfterTwin", r.returnAfter());
        n.put("returnNominalBefore", r.returnNominalBefore());
        n.put("returnNominalAfter", r.returnNominalAfter());
        n.put("minutes", r.minutes());
        n.put("seed", r.seed());
        n.put("updates", r.updates());
        n.put("simEnvSteps", r.envSteps());
        n.put("realTransitions", r.realTransitions());
        n.put("warmStart", r.warmStart());
        n.put("evaluations", outcome.evaluations());
        n.put("exportedAtEnvSteps", outcome.exported().envSteps());
        Evaluator.Result report = outcome.heldOut().report();
        ObjectNode held = n.putObject("heldOut");
        held.put("mean", report.mean());
        held.put("std", report.std());
        held.put("nominal", report.nominal());
        n.put("reproduce", command);
        JSON.writeValue(file.toFile(), n);
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
