package dev.sim2pi.sim.replay;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a replay input CSV: header {@code episode,step,state_<name>...,action_<i>...}, rows in
 * step order, state on each episode's step-0 row. Every problem is an {@link InputException}
 * naming the file, line and column.
 */
public final class ReplayCsvReader {

    private final RobotTask task;

    public ReplayCsvReader(RobotTask task) {
        this.task = task;
    }

    /** The header this task's replay input must have. */
    public String expectedHeader() {
        StringBuilder sb = new StringBuilder("episode,step");
        for (String name : task.state().names()) {
            sb.append(",state_").append(name);
        }
        for (int i = 0; i < task.actions().size(); i++) {
            sb.append(",action_").append(i);
        }
        return sb.toString();
    }

    public ReplayLog read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    ReplayLog read(String name, BufferedReader in) throws IOException {
        String headerLine = in.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new InputException(name + " line 1: empty file; expected the header " + expectedHeader());
        }
        String[] header = split(stripBom(headerLine));
        Columns columns = new Columns(name, header);
        List<ReplayLog.Episode> episodes = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        List<double[]> actions = new ArrayList<>();
        double[] initial = null;
        long episode = 0;
        int firstLine = 0;
        int expectedStep = 0;
        int ignored = 0;
        int lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = split(line);
            if (f.length != header.length) {
                throw new InputException(name + " line " + lineNo + ": expected " + header.length
                        + " columns as in the header, got " + f.length);
            }
            long ep = integer(name, lineNo, "episode", f[0]);
            long step = integer(name, lineNo, "step", f[1]);
            if (initial == null || ep != episode) {
                if (initial != null) {
                    episodes.add(new ReplayLog.Episode(episode, initial, actions.toArray(new double[0][]), firstLine));
                }
                if (!seen.add(ep)) {
                    throw new InputException(name + " line " + lineNo + ", column episode: episode " + ep
                            + " appears again after other episodes; expected each episode's rows together");
                }
                if (step != 0) {
                    throw new InputException(name + " line " + lineNo + ", column step: episode " + ep
                            + " starts at step " + step + "; expected step 0 (with the initial state)");
                }
                episode = ep;
                firstLine = lineNo;
                expectedStep = 0;
                actions = new ArrayList<>();
                initial = new double[columns.state.length];
                for (int k = 0; k < columns.state.length; k++) {
                    String column = "state_" + task.state().get(k).name();
                    String text = f[columns.state[k]];
                    if (text.isBlank()) {
                        throw new InputException(name + " line " + lineNo + ", column " + column
                                + ": empty; expected the initial state on each episode's step-0 row");
                    }
                    initial[k] = number(name, lineNo, column, text);
                }
            } else {
                if (step != expectedStep) {
                    throw new InputException(name + " line " + lineNo + ", column step: got " + step
                            + ", expected " + expectedStep + " (rows in step order)");
                }
                for (int c : columns.state) {
                    if (!f[c].isBlank()) {
                        ignored++;
                    }
                }
            }
            double[] action = new double[columns.action.length];
            for (int i = 0; i < action.length; i++) {
                action[i] = number(name, lineNo, "action_" + i, f[columns.action[i]]);
            }
            actions.add(action);
            expectedStep++;
        }
        if (initial == null) {
            throw new InputException(name + ": no rows after the header; expected at least one step");
        }
        episodes.add(new ReplayLog.Episode(episode, initial, actions.toArray(new double[0][]), firstLine));
        return new ReplayLog(List.copyOf(episodes), ignored);
    }

    /** Where each state and action column is in the file. */
    private final class Columns {
        final int[] state = new int[task.state().size()];
        final int[] action = new int[task.actions().size()];

        Columns(String name, String[] header) {
            if (header.length < 2 || !header[0].strip().equals("episode") || !header[1].strip().equals("step")) {
                throw new InputException(name + " line 1: header must start with episode,step; expected "
                        + expectedHeader());
            }
            java.util.Arrays.fill(state, -1);
            java.util.Arrays.fill(action, -1);
            for (int c = 2; c < header.length; c++) {
                String h = header[c].strip();
                int k = -1;
                if (h.startsWith("state_")) {
                    k = task.state().indexOf(h.substring(6));
                    if (k >= 0 && state[k] < 0) {
                        state[k] = c;
                        continue;
                    }
                } else if (h.matches("action_\\d+")) {
                    k = Integer.parseInt(h.substring(7));
                    if (k < action.length && action[k] < 0) {
                        action[k] = c;
                        continue;
                    }
                }
                throw new InputException(name + " line 1, column " + (c + 1) + ": unexpected or repeated column '"
                        + h + "' for task " + task.id() + "; expected " + expectedHeader());
            }
            for (int k = 0; k < state.length; k++) {
                if (state[k] < 0) {
                    throw new InputException(name + " line 1: missing column state_" + task.state().get(k).name()
                            + "; expected " + expectedHeader());
                }
            }
            for (int k = 0; k < action.length; k++) {
                if (action[k] < 0) {
                    throw new InputException(name + " line 1: missing column action_" + k + "; expected "
                            + expectedHeader());
                }
            }
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static long integer(String name, int line, String column, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(name + " line " + line + ", column " + column
                    + ": expected a whole number, got '" + text + "'");
        }
    }

    private static double number(String name, int line, String column, String text) {
        try {
            return Decimals.parse(text);
        } catch (NumberFormatException e) {
            throw new InputException(name + " line " + line + ", column " + column
                    + ": expected a number, got '" + text + "'");
        }
    }
}
