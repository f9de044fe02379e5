package dev.sim2pi.trainer.run;

import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.env.VectorEnv;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The randomization a policy was trained with, as its bundle's provenance states it. */
public final class RandomizationRanges {

    private RandomizationRanges() {
    }

    /** Each parameter's unit, nominal, range and distribution, by name (JSON-compatible). */
    public static Map<String, Object> of(ParameterSpace space) {
        Map<String, Object> ranges = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("unit", p.unit());
            r.put("nominal", p.nominal());
            r.put("low", p.low());
            r.put("high", p.high());
            r.put("distribution", p.distribution().name().toLowerCase(Locale.ROOT));
            ranges.put(p.name(), r);
        }
        return ranges;
    }

    /** The nominal action latency in control steps (0 when the plant has none). */
    public static int latencySteps(ParameterSpace space) {
        for (Parameter p : space.parameters()) {
            if (p.name().equals(VectorEnv.LATENCY)) {
                return (int) p.nominal();
            }
        }
        return 0;
    }
}
