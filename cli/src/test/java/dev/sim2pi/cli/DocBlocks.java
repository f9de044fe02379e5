package dev.sim2pi.cli;

import dev.sim2pi.controller.cli.ControllerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The fenced code blocks of a Markdown page and the commands in them, with the marker written on
 * the line before a block:
 * <ul>
 *   <li>{@code <!-- needs-pi -->}: runs on a Raspberry Pi; its sim2pi commands are parsed, never run,
 *       and it may hold other shell commands;</li>
 *   <li>{@code <!-- runs-in-test -->}: every line is a sim2pi command, and the docs test runs them in
 *       order in a scratch folder;</li>
 *   <li>{@code <!-- not-run: why -->}: other workstation commands (Maven, Mosquitto, protoc) the
 *       test leaves alone, with the reason;</li>
 *   <li>no marker: every line is a sim2pi command, and each is parsed against the real command tree.</li>
 * </ul>
 * Blocks tagged with another language ({@code json}, {@code text}, {@code python}, ...) are not commands.
 */
final class DocBlocks {

    /** Info strings of blocks that hold shell commands. */
    static final Set<String> SHELL = Set.of("", "sh", "bash", "shell", "console");

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(needs-pi|runs-in-test|not-run:(.*?))\\s*-->$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");

    private DocBlocks() {
    }

    /** How the docs test treats a block. */
    enum Marker { NONE, NEEDS_PI, RUNS_IN_TEST, NOT_RUN }

    /** Which command tree a command line belongs to. */
    enum Program { SIM2PI, CONTROLLER, OTHER }

    /**
     * One fenced block.
     *
     * @param file   the page
     * @param line   1-based line of the opening fence
     * @param info   the fence's info string (language), lower case
     * @param marker the marker on the line before it
     * @param reason the reason given with {@code not-run}, else empty
     * @param lines  the block's command lines: continuations joined, comments and blank lines left out
     */
    record Block(Path file, int line, String info, Marker marker, String reason, List<Command> lines) {
        boolean shell() {
            return SHELL.contains(info);
        }

        String where() {
            return file.getFileName() + ":" + line;
        }
    }

    /**
     * One command line of a block.
     *
     * @param line    1-based line where it starts
     * @param text    the line as written (without a trailing comment)
     * @param program which program it runs
     * @param args    its arguments after the program name
     */
    record Command(int line, String text, Program program, List<String> args) {
    }

    /** Every fenced block of {@code page}, in order. */
    static List<Block> blocks(Path page) throws IOException {
        List<String> text = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < text.size(); i++) {
            String strip = text.get(i).strip();
            if (!strip.startsWith("```")) {
                if (!strip.isEmpty()) {
                    previous = strip;
                }
                continue;
            }
            String info = strip.substring(3).strip().toLowerCase(java.util.Locale.ROOT);
            Marker marker = Marker.NONE;
            String reason = "";
            Matcher m = MARKER.matcher(previous);
            if (m.matches()) {
                marker = switch (m.group(1)) {
                    case "needs-pi" -> Marker.NEEDS_PI;
                    case "runs-in-test" -> Marker.RUNS_IN_TEST;
                    default -> Marker.NOT_RUN;
                };
                reason = m.group(2) == null ? "" : m.group(2).strip();
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = i + 1; i < text.size() && !text.get(i).strip().startsWith("```"); i++) {
                body.add(text.get(i));
            }
            blocks.add(new Block(page, start, info, marker, reason, commands(body, start + 1)));
            previous = "";
        }
        return blocks;
    }

    /** The command lines of a block's body whose first line is {@code firstLine}. */
    static List<Command> commands(List<String> body, int firstLine) {
        List<Command> out = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        int startLine = -1;
        for (int k = 0; k < body.size(); k++) {
            String line = body.get(k).strip();
            if (joined.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (joined.isEmpty()) {
                startLine = firstLine + k;
            }
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            joined.append(line);
            String text = withoutComment(joined.toString()).strip();
            joined.setLength(0);
            List<String> words = words(text);
            while (!words.isEmpty() && ASSIGNMENT.matcher(words.get(0)).matches()) {
                words.remove(0); // an environment variable set for the command
            }
            Program program = words.isEmpty() ? Program.OTHER
                    : words.get(0).equals("./sim2pi") ? Program.SIM2PI
                    : words.get(0).endsWith("sim2pi-controller") ? Program.CONTROLLER : Program.OTHER;
            out.add(new Command(startLine, text, program, words.isEmpty() ? List.of() : List.copyOf(words.subList(1, words.size()))));
        }
        return out;
    }

    /** The line up to a {@code #} that starts a shell comment (outside quotes, after a blank). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Shell words: split at blanks outside quotes, quotes removed (no variables or globbing). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** Null when {@code command} parses against its program's command tree, else picocli's complaint. */
    static String parseProblem(Command command) {
        CommandLine cli = switch (command.program()) {
            case SIM2PI -> Sim2pi.commandLine();
            case CONTROLLER -> ControllerMain.configure(new CommandLine(new ControllerMain()), "sim2pi-controller");
            case OTHER -> throw new IllegalArgumentException("not a sim2pi command: " + command.text());
        };
        List<String> args = command.args();
        if (command.program() == Program.SIM2PI && !args.isEmpty() && (args.get(0).equals("test") || args.get(0).equals("build"))) {
            return null; // the launcher script's own commands (HelpTest checks --help lists them)
        }
        try {
            cli.parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }
}
