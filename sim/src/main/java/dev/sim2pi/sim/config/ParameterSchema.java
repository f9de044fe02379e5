package dev.sim2pi.sim.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameter names and units a plant reads, in the order of its parameter vector. A plant
 * builds one at class initialisation, keeping each returned index as a constant, and config files
 * are checked against it (every name present, units as declared).
 */
public final class ParameterSchema {

    private final List<String> names = new ArrayList<>();
    private final List<String> units = new ArrayList<>();

    /** A schema starting with every entry of {@code base}, so the base plant's indices stay valid. */
    public static ParameterSchema extending(ParameterSchema base) {
        ParameterSchema s = new ParameterSchema();
        s.names.addAll(base.names);
        s.units.addAll(base.units);
        return s;
    }

    /** Declares the next parameter and returns its index in the vector. */
    public int add(String name, String unit) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' declared twice");
        }
        names.add(name);
        units.add(unit);
        return names.size() - 1;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public String unit(int index) {
        return units.get(index);
    }

    /** Index of {@code name}, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /**
     * A parameter space holding exactly {@code values} (schema order), never randomized. Parameters
     * in {@code steps} are whole step counts (distribution {@code INTEGER}), as an environment
     * requires of latencies.
     */
    public dev.sim2pi.sim.ParameterSpace fixed(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " values " + names() + ", got " + values.length);
        }
        List<dev.sim2pi.sim.Parameter> list = new java.util.ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (unit(i).equals("steps")) {
                if (values[i] != Math.rint(values[i]) || values[i] < 0) {
                    throw new IllegalArgumentException(name(i) + ": expected a whole number of steps >= 0, got " + values[i]);
                }
                list.add(new dev.sim2pi.sim.Parameter(name(i), unit(i), values[i], values[i], values[i],
                        dev.sim2pi.sim.Parameter.Distribution.INTEGER));
            } else {
                list.add(dev.sim2pi.sim.Parameter.fixed(name(i), unit(i), values[i]));
            }
        }
        return new dev.sim2pi.sim.ParameterSpace(list);
    }
}
