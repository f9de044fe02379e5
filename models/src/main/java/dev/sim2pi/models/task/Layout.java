package dev.sim2pi.models.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered channels of a float vector. Layouts are compared by value: a policy trained
 * for one layout is refused by code expecting another.
 *
 * @param channels the channels in vector order; names are unique
 */
public record Layout(List<Channel> channels) {

    public Layout {
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        Set<String> seen = new HashSet<>();
        for (Channel c : channels) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("channel '" + c.name() + "' appears twice in a layout");
            }
        }
    }

    public static Layout of(Channel... channels) {
        return new Layout(List.of(channels));
    }

    public int size() {
        return channels.size();
    }

    public Channel get(int index) {
        return channels.get(index);
    }

    /** Index of the channel called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the channel called {@code name}; fails naming the channels there are. */
    public int require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no channel '" + name + "' in layout " + names());
        }
        return i;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            names.add(c.name());
        }
        return names;
    }

    /** Lower bounds as an array, in order. */
    public double[] lows() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = channels.get(i).low();
        }
        return out;
    }

    /** Upper bounds as an array, in order. */
    public double[] highs() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = channels.get(i).high();
        }
        return out;
    }
}
