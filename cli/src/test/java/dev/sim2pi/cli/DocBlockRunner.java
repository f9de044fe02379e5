package dev.sim2pi.cli;

import dev.sim2pi.controller.cli.ControllerMain;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the commands of one documented block in one JVM, in order, in the working directory it
 * was started in (the docs test's scratch folder): one JVM start per block instead of per command.
 * Arguments: {@code sim2pi|sim2pi-controller ARGS... [NEXT sim2pi|sim2pi-controller ARGS...]...};
 * exits with the first non-zero exit code.
 */
final class DocBlockRunner {

    static final String NEXT = "--next-documented-command--";

    private DocBlockRunner() {
    }

    public static void main(String[] args) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals(NEXT)) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        commands.add(current);
        for (List<String> c : commands) {
            String[] rest = c.subList(1, c.size()).toArray(String[]::new);
            System.out.println("$ " + String.join(" ", c));
            System.out.flush();
            int code = c.get(0).equals("sim2pi") ? Sim2pi.execute(rest) : ControllerMain.execute(rest);
            if (code != 0) {
                System.out.println("exit " + code + " from: " + String.join(" ", c));
                System.exit(code);
            }
        }
        System.out.println("all " + commands.size() + " exited 0");
        System.exit(0);
    }
}
