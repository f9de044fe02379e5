package dev.sim2pi.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered parameters of a plant. A parameter vector ({@code double[size()]}) holds one value
 * per parameter in this order; plants read it by index, never by name, on the hot path.
 *
 * @param parameters in vector order, names unique
 */
public record ParameterSpace(List<Parameter> parameters) {

    public ParameterSpace {
        parameters = List.copyOf(parameters);
        Set<String> seen = new HashSet<>();
        for (Parameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' declared twice");
            }
        }
    }

    public static ParameterSpace empty() {
        return new ParameterSpace(List.of());
    }

    public int size() {
        return parameters.size();
    }

    /** Index of {@code name}; fails naming the parameters there are. */
    public int indexOf(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "'; expected one of " + names());
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        return names;
    }

    /** Writes the nominal values at {@code out[offset]}. */
    public void nominal(double[] out, int offset) {
        for (int i = 0; i < parameters.size(); i++) {
            out[offset + i] = parameters.get(i).nominal();
        }
    }

    /** Writes one draw of every parameter at {@code out[offset]}. */
    public void draw(Rng rng, double[] out, int offset) {
        for (int i = 0; i < parameters.size(); i++) {
            out[offset + i] = parameters.get(i).draw(rng);
        }
    }
}
