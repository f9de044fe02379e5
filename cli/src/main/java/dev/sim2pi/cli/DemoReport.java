package dev.sim2pi.cli;

import dev.sim2pi.trainer.report.ReportSection;
import dev.sim2pi.trainer.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's {@code report.html}, from the files its stages wrote into its folder (see {@link DemoFiles}). */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * Writes the report with whatever stages got done.
     *
     * @param trainingDir the training run's folder, or the shipped bundle's with --quick (null: none yet)
     * @param stopped     the stage Ctrl-C stopped, or null
     */
    static Path write(DemoFiles f, String command, Path trainingDir, String stopped) {
        RunReport r = new RunReport("sim2pi demo: train, deploy, run, identify, fine-tune, redeploy");
        r.lead("Command: " + command);
        if (stopped != null) {
            r.lead("Stopped by Ctrl-C during stage '" + stopped + "': every output below is partial (see STOPPED.txt).");
        }
        r.figures("results", "Results", f.figures(), "The demo's closing key=value line; 'missing' marks a figure of "
                + "a stage that did not run (see Stages).");
        r.table("stages", "Stages", f.stages(), null);
        r.table("evaluation", "Evaluation on the reality twin and in the nominal sim", f.evaluation(),
                "The same seeded episodes on the reality twin (parameters the trainer never saw, plus backlash, stiction, "
                        + "latency jitter, sensor dropouts, motor asymmetry) and on the nominal training robot.");
        r.loop(f.loop("before"), "Controller on the twin, before");
        r.figures("telemetry", "Telemetry", f.telemetry(), "Frames the controller handed to its publisher, sent through "
                + "the embedded broker (access control on) and stored by the recorder.");
        r.sysid(f.sysid());
        if (Files.isRegularFile(f.finetuneNote())) {
            r.note("finetune", "Fine-tuning", ReportSection.Tone.WARN, read(f.finetuneNote()));
        }
        r.table("deployments", "Deployments and rollbacks", f.deployments(), null);
        r.loop(f.loop("after"), "Controller on the twin, after the deployment");
        if (trainingDir != null) {
            r.training(trainingDir, "train-");
        }
        Path out = f.report();
        r.write(out);
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
