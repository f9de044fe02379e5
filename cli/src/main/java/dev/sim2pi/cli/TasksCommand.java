package dev.sim2pi.cli;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lists the shipped robot tasks, or describes one's layouts. */
@Command(name = "tasks", description = "List the robot tasks, or show one task's sensors, actions and observation.")
final class TasksCommand implements Runnable {

    @Parameters(arity = "0..1", paramLabel = "TASK", description = "Task id to describe.")
    String taskId;

    @Override
    public void run() {
        if (taskId == null) {
            for (String id : Tasks.ids()) {
                RobotTask t = Tasks.byId(id);
                System.out.printf("%-28s v%d  %5.0f Hz  %s%n", id, t.version(), t.controlRateHz(), t.description());
            }
            return;
        }
        RobotTask t = Tasks.byId(taskId);
        System.out.printf("%s v%d: %s%ncontrol rate %.1f Hz, episodes of %d steps%n",
                t.id(), t.version(), t.description(), t.controlRateHz(), t.maxEpisodeSteps());
        print("state", t.state().channels());
        print("sensors", t.sensors().channels());
        print("actions", t.actions().channels());
        print("observation", t.observationLayout().channels());
    }

    private static void print(String title, java.util.List<Channel> channels) {
        System.out.println(title + ":");
        for (Channel c : channels) {
            System.out.printf("  %-24s %-8s [%s, %s]%n", c.name(), c.unit(), c.low(), c.high());
        }
    }
}
