package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.trainer.sysid.RecentredRandomization;
import dev.sim2pi.trainer.sysid.Sysid;
import dev.sim2pi.trainer.sysid.SysidResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sim2pi sysid}: fits a task's physical parameters to recorded telemetry. */
@Command(name = "sysid", mixinStandardHelpOptions = true,
        description = {"System identification: replay the recorded commands in the task's simulator from the states "
                + "the robot's estimator gave, over short horizons, and fit physical parameters (Levenberg-Marquardt) "
                + "and the dead time (a search over whole periods) to the recorded readings.",
                "Pairs the data cannot separate are reported as their identifiable combination. With --out, writes a "
                        + "randomization config re-centred on the fit with ranges narrowed by the uncertainty.",
                "Last line: residual_before= residual_after= dead_time_steps= fit_<parameter>=..."})
final class SysidCommand implements Runnable {

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "Task id (balancer).")
    String taskId;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Datasets: a recorder's output "
            + "directory (<robot>/<session>/) or one session.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the re-centred randomization config here.")
    Path out;

    @Option(names = "--fit", paramLabel = "NAMES", split = ",", description = "Parameters to fit (default: body mass, "
            + "centre-of-mass height, pitch inertia, motor torque and back-EMF constants, motor resistance, battery "
            + "voltage, gear viscous friction).")
    List<String> fit;

    @Option(names = "--horizon", paramLabel = "STEPS", defaultValue = "10", description = "Periods predicted from "
            + "each estimated start (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--max-dead-time", paramLabel = "STEPS", defaultValue = "4", description = "Largest dead time "
            + "searched, in periods (default: ${DEFAULT-VALUE}).")
    int maxDeadTime;

    @Override
    public void run() {
        if (horizon < 1 || maxDeadTime < 0) {
            throw new InputException("--horizon must be >= 1 and --max-dead-time >= 0, got " + horizon + " and "
                    + maxDeadTime);
        }
        RobotTask task = Tasks.byId(taskId);
        List<String> names = fit == null || fit.isEmpty() ? Sysid.BALANCER_DEFAULT : fit;
        long started = System.nanoTime();
        SysidResult r = Sysid.run(data, task, new Sysid.Options(names, horizon, 5, maxDeadTime),
                d -> System.err.printf(Locale.ROOT, "sysid: dead time %d of %d fitted (%.0f s)%n", d, maxDeadTime,
                        (System.nanoTime() - started) * 1e-9));
        System.out.printf(Locale.ROOT, "%d windows of %d periods; dead time %d periods (action latency plus sensing "
                + "delay: only their sum is identifiable)%n", r.windows(), horizon, r.deadTimeSteps());
        for (int i = 0; i < r.names().size(); i++) {
            System.out.printf(Locale.ROOT, "%-26s %.6g -> %.6g +- %.2g%s%n", r.names().get(i), r.start()[i], r.fit()[i],
                    r.sigma()[i], r.inCombination(i) ? "  (not separately identifiable)" : "");
        }
        for (SysidResult.Combination c : r.combinations()) {
            System.out.printf(Locale.ROOT, "identifiable combination %s = %.6g +- %.2g (correlation %.4f)%n",
                    r.describe(c), c.value(), c.sigma(), c.correlation());
        }
        System.out.printf(Locale.ROOT, "residual (RMS, in typical errors) %.4f -> %.4f%s%n", r.residualBefore(),
                r.residualAfter(), r.converged() ? "" : " (an optimization ran out of evaluations: best point reached)");
        if (out != null) {
            try {
                Files.writeString(out, RecentredRandomization.json(task.id(), Sysid.space(task), r));
            } catch (IOException e) {
                throw new InputException(out + ": cannot write (" + e.getMessage() + ")", e);
            }
            System.out.println("randomization re-centred on the fit: " + out);
        }
        Figures f = new Figures().put("residual_before", r.residualBefore()).put("residual_after", r.residualAfter())
                .put("dead_time_steps", r.deadTimeSteps());
        for (int i = 0; i < r.names().size(); i++) {
            f.put("fit_" + r.names().get(i), r.fit()[i]);
        }
        f.print(System.out);
    }
}
