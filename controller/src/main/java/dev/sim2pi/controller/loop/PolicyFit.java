package dev.sim2pi.controller.loop;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.PolicyManifest;
import dev.sim2pi.models.task.RobotTask;
import java.util.Locale;

/**
 * Whether a verified bundle fits the robot: the task (id and version), its observation and action
 * layouts, and the control rate. A bundle trained at another rate than its task's is refused; a
 * loop rate other than the bundle's only when forced.
 */
public final class PolicyFit {

    private PolicyFit() {
    }

    /**
     * Why {@code manifest} does not fit {@code task} and a loop running policies trained at
     * {@code policyRateHz}, or null when it does.
     */
    public static String problem(PolicyManifest manifest, RobotTask task, double policyRateHz) {
        if (!manifest.taskId().equals(task.id()) || manifest.taskVersion() != task.version()) {
            return "bundle is for task " + manifest.taskId() + " v" + manifest.taskVersion() + ", the robot runs "
                    + task.id() + " v" + task.version();
        }
        if (!manifest.observation().equals(task.observationLayout())) {
            return "bundle's observation layout " + manifest.observation().names() + " is not the task's";
        }
        if (!manifest.action().equals(task.actions())) {
            return "bundle's action layout " + manifest.action().names() + " is not the task's "
                    + task.actions().names();
        }
        if (!sameRate(manifest.controlRateHz(), task.controlRateHz())) {
            return String.format(Locale.ROOT, "bundle was trained at %.6g Hz, task %s runs at %.6g Hz",
                    manifest.controlRateHz(), task.id(), task.controlRateHz());
        }
        if (!sameRate(manifest.controlRateHz(), policyRateHz)) {
            return String.format(Locale.ROOT, "bundle was trained at %.6g Hz, the running policy at %.6g Hz",
                    manifest.controlRateHz(), policyRateHz);
        }
        return null;
    }

    static boolean sameRate(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * The loop rate for {@code manifest}: its control rate unless {@code requestedHz} (0 for none)
     * differs, which is refused unless {@code force}. Also checks the manifest's rate against the task's.
     */
    public static double loopRate(String source, PolicyManifest manifest, RobotTask task, double requestedHz, boolean force) {
        if (!sameRate(manifest.controlRateHz(), task.controlRateHz())) {
            throw new InputException(String.format(Locale.ROOT, "%s: policy.json field 'controlRateHz' is %.6g Hz; task %s"
                    + " runs at %.6g Hz", source, manifest.controlRateHz(), task.id(), task.controlRateHz()));
        }
        if (requestedHz <= 0 || sameRate(requestedHz, manifest.controlRateHz())) {
            return manifest.controlRateHz();
        }
        if (!force) {
            throw new InputException(String.format(Locale.ROOT, "--rate %.6g Hz: bundle %s was trained at %.6g Hz; "
                    + "add --force-rate to run it at another rate", requestedHz, source, manifest.controlRateHz()));
        }
        return requestedHz;
    }
}
