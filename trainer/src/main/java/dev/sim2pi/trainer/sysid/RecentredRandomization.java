package dev.sim2pi.trainer.sysid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.trainer.sysid.SysidResult.Combination;
import java.util.Locale;

/**
 * A randomization config re-centred on a fit: each fitted parameter's nominal is its fitted value and
 * its range {@code +-} {@value #SIGMAS} standard deviations (at least {@value #MIN_RELATIVE_HALF_WIDTH}
 * of the value, never wider than the shipped range's span); for an unidentifiable pair the second
 * keeps its nominal value, fixed, and the first carries the combination. The dead time goes to
 * {@code action_latency_steps} with {@code observation_delay_steps} 0 (only their sum was seen).
 * Everything else is as shipped.
 */
public final class RecentredRandomization {

    static final double SIGMAS = 3;
    static final double MIN_RELATIVE_HALF_WIDTH = 0.02;

    private RecentredRandomization() {
    }

    public static String json(String taskId, ParameterSpace shipped, SysidResult r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("about", String.format(Locale.ROOT, "Randomization re-centred by sim2pi sysid on %d windows: residual "
                + "%.4f -> %.4f, dead time %d periods", r.windows(), r.residualBefore(), r.residualAfter(), r.deadTimeSteps()));
        root.put("task", taskId);
        ObjectNode params = root.putObject("parameters");
        for (Parameter p : shipped.parameters()) {
            ObjectNode o = params.putObject(p.name());
            o.put("unit", p.unit());
            int i = r.names().indexOf(p.name());
            if (p.name().equals("action_latency_steps")) {
                o.put("nominal", r.deadTimeSteps()).put("low", r.deadTimeSteps()).put("high", r.deadTimeSteps())
                        .put("distribution", "integer");
            } else if (p.name().equals("observation_delay_steps")) {
                o.put("nominal", 0).put("low", 0).put("high", 0).put("distribution", "integer");
            } else if (i < 0) {
                copy(o, p);
            } else {
                recentre(o, p, i, r);
            }
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(ObjectNode o, Parameter p) {
        if (p.low() == p.high()) {
            o.put("nominal", p.nominal()).put("distribution", "fixed");
            return;
        }
        o.put("nominal", p.nominal()).put("low", p.low()).put("high", p.high())
                .put("distribution", p.distribution().name().toLowerCase(Locale.ROOT));
    }

    private static void recentre(ObjectNode o, Parameter p, int i, SysidResult r) {
        double value = r.fit()[i];
        double sigma = r.sigma()[i];
        for (Combination c : r.combinations()) {
            if (c.second() == i) {
                o.put("nominal", r.start()[i]).put("distribution", "fixed");
                return;
            }
            if (c.first() == i) {
                // The pair's second stays at its start: the first alone carries what the data fixed.
                value = c.value() / Math.pow(r.start()[c.second()], c.exponent());
                sigma = value * c.sigma() / c.value();
            }
        }
        double half = Math.max(SIGMAS * sigma, MIN_RELATIVE_HALF_WIDTH * value);
        half = Math.min(half, Math.max(p.high() - p.low(), MIN_RELATIVE_HALF_WIDTH * value));
        double low = Math.max(value - half, 1e-3 * value);
        o.put("nominal", value).put("low", low).put("high", value + half).put("distribution", "uniform");
    }
}
