package dev.sim2pi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.BundleSigner;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.telemetry.record.RecorderStats;
import dev.sim2pi.trainer.report.LoopRecord;
import dev.sim2pi.trainer.report.ReportJson;
import dev.sim2pi.trainer.report.SysidRecord;
import dev.sim2pi.trainer.run.RunSummary;
import dev.sim2pi.trainer.run.TrainOptions;
import dev.sim2pi.trainer.run.TrainingRun;
import dev.sim2pi.trainer.sysid.RecentredRandomization;
import dev.sim2pi.trainer.sysid.Sysid;
import dev.sim2pi.trainer.sysid.SysidResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sim2pi demo}: the whole loop in one command, on this machine, with a report at the end. */
@Command(name = "demo", description = {
        "The whole loop on one machine: train the balancer with randomization (or, with --quick, start from the "
                + "shipped bundle), export, sign and verify it, run the controller against a reality twin at its "
                + "control rate with telemetry through an embedded broker (access control on) into a recorder, "
                + "identify the twin's parameters from the recording, fine-tune, deploy the new bundle over MQTT "
                + "(signed, swapped at a period boundary), run again; then a short report and report.html.",
        "Ctrl-C stops at any stage with the actuators safe and the broker stopped; what was written is kept and "
                + "named in STOPPED.txt.",
        "Last line: return_twin_before= return_twin_after= return_nominal= ratio_before= ratio_after= p99_jitter_us= "
                + "overruns= frames_sent= frames_recorded= lost= duplicates= sysid_<parameter>=... seconds= "
                + "('missing' for a stage that did not run)."})
final class DemoCommand implements Callable<Integer> {

    static final String ROBOT = "demo1";
    static final String SHIPPED = "models/policies/balancer";
    private static final String MISSING = "missing";
    private static final int STAGES = 9;

    @Option(names = "--twin-params", paramLabel = "F",
            description = "Reality twin parameters (default: the shipped example twin, balancer-twin.json).")
    Path twinParams;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every stage (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Same stages, shorter: start from the shipped bundle (" + SHIPPED
            + ") instead of training, shorter runs and evaluations.")
    boolean quick;

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier demo in --out.")
    boolean force;

    @Option(names = "--train-minutes", paramLabel = "M", defaultValue = "5",
            description = "Training time budget without --quick (default ${DEFAULT-VALUE}); training also ends at "
                    + "--train-steps. The shipped bundle took 500000 env steps (about 12 minutes on a quiet two-core "
                    + "machine) to its best.")
    double trainMinutes;

    @Option(names = "--train-steps", paramLabel = "N", defaultValue = "500000",
            description = "Training length in env steps at most (default ${DEFAULT-VALUE}).")
    long trainSteps;

    /** Test scale: the same stages, seconds each (the end-to-end CI test). */
    @Option(names = "--tiny", hidden = true)
    boolean tiny;

    /** How long each stage runs at each scale. */
    record Scale(int evalEpisodes, double runSeconds, int warmupPeriods, int maxDeadTime, double finetuneSeconds) {
        static Scale of(boolean quick, boolean tiny) {
            if (tiny) {
                return new Scale(3, 5, 2000, 2, 20);
            }
            return quick ? new Scale(20, 20, 20000, 3, 60) : new Scale(50, 30, 20000, 4, 180);
        }
    }

    private DemoConsole console;
    private DemoFiles files;
    private final List<AutoCloseable> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean finished;
    private Path trainingDir;

    @Override
    public Integer call() throws Exception {
        refuseBadRequests();
        files = new DemoFiles(out);
        prepareOut();
        Scale scale = Scale.of(quick || tiny, tiny);
        PrintStream o = System.out;
        console = new DemoConsole(o, files.stages(), STAGES);
        Thread stopHook = new Thread(this::stoppedByUser, "sim2pi-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        RobotTask task = Tasks.byId(BalancerTask.ID);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<List<Object>> evaluations = new ArrayList<>();
        List<List<Object>> deployments = new ArrayList<>();
        ReportJson.writeTable(files.deployments(), DEPLOY_COLUMNS, deployments);
        try {
            // 1. A bundle to start from.
            Path trained = obtainBundle(scale);
            // 2. Export (copy), sign with the demo's key, verify as the robot will.
            console.begin("export", "export, sign and verify the bundle");
            KeyPair key = Ed25519Keys.generate();
            writeKey(key);
            PolicyBundle before = signAndVerify(trained, files.bundleBefore(), key, task);
            console.detail("signed by key " + Ed25519Keys.fingerprint(key.getPublic()) + "; signature, hash, task, layout "
                    + "and " + before.manifest().golden().size() + " golden outputs verified: " + files.bundleBefore());
            console.end(DemoConsole.Status.DONE, "");

            // 3. Score it on the twin and the nominal sim.
            console.begin("evaluate-before", "score the bundle on the reality twin and in the nominal sim ("
                    + scale.evalEpisodes() + " episodes each)");
            DemoEvaluation evalBefore = DemoEvaluation.of("before", before, twinParams, scale.evalEpisodes(), seed);
            evaluations.addAll(evalBefore.rows());
            ReportJson.writeTable(files.evaluation(), DemoEvaluation.COLUMNS, evaluations);
            console.detail(String.format(Locale.ROOT, "twin %.1f, nominal %.1f: sim-to-real ratio %.3f (%d falls on the twin)",
                    evalBefore.twin().mean(), evalBefore.nominal().mean(), evalBefore.ratio(), evalBefore.twin().falls()));
            console.end(DemoConsole.Status.DONE, "");

            // 4. The controller on the twin, telemetry through the broker into the recorder.
            console.begin("run-before", String.format(Locale.ROOT, "run the controller on the reality twin for %.0f s at "
                    + "%.0f Hz, telemetry through the embedded broker into the recorder", scale.runSeconds(),
                    before.manifest().controlRateHz()));
            DemoBroker broker = DemoBroker.start(ROBOT, files.credentials());
            open.add(broker);
            console.detail("embedded broker " + broker.url() + " (credentials required: " + files.credentials() + ")");
            broker.record(files.data());
            LoopRecord loopBefore = runSession(broker, before, key, scale, "before", null, deployments);
            console.end(DemoConsole.Status.DONE, "");

            // 5. System identification on the recording.
            console.begin("sysid", "identify the twin's parameters from the recording (sysid)");
            SysidRecord sysid = null;
            try {
                sysid = identify(task, scale);
                console.end(DemoConsole.Status.DONE, "");
            } catch (InputException e) {
                // Data too short or broken (a twin that fell at once on a loaded machine): say so and go on.
                console.end(DemoConsole.Status.FAILED, e.getMessage());
            }

            // 6. Fine-tune.
            console.begin("finetune", "fine-tune on the recording with the sysid-centred randomization");
            DemoFinetune.Outcome tuned = sysid == null
                    ? new DemoFinetune.Outcome(null, "no system identification to centre the randomization on")
                    : DemoFinetune.run(files.bundleBefore(), files.data(), files.sysidRandomization(), files.finetune(),
                            seed, scale.finetuneSeconds());
            LoopRecord loopAfter = null;
            DemoEvaluation evalAfter = null;
            if (tuned.candidate() == null) {
                Files.writeString(files.finetuneNote(), tuned.detail() + "\n");
                console.end(DemoConsole.Status.MISSING, tuned.detail());
                console.never("deploy", DemoConsole.Status.SKIPPED, "no candidate bundle to deploy");
                console.never("run-after", DemoConsole.Status.SKIPPED, "no new bundle to run");
            } else {
                console.end(DemoConsole.Status.DONE, tuned.detail());
                // 7-8. Deploy it to the running robot and run again.
                console.begin("deploy", "deploy the new bundle over MQTT to the running controller (signed, swapped "
                        + "at a period boundary)");
                PolicyBundle after = signAndVerify(tuned.candidate(), files.bundleAfter(), key, task);
                loopAfter = runSession(broker, before, key, scale, "after", after, deployments);
                evalAfter = DemoEvaluation.of("after", after, twinParams, scale.evalEpisodes(), seed);
                evaluations.addAll(evalAfter.rows());
                ReportJson.writeTable(files.evaluation(), DemoEvaluation.COLUMNS, evaluations);
                console.end(DemoConsole.Status.DONE, "");
            }
            RecorderStats rec = broker.recorderStats();
            broker.close();
            open.remove(broker);

            // 9. Report.
            console.begin("report", "report");
            figures.put("return_twin_before", evalBefore.twin().mean());
            figures.put("return_twin_after", evalAfter == null ? MISSING : evalAfter.twin().mean());
            figures.put("return_nominal", evalBefore.nominal().mean());
            figures.put("ratio_before", evalBefore.ratio());
            figures.put("ratio_after", evalAfter == null ? MISSING : evalAfter.ratio());
            double p99 = loopBefore.p99JitterUs();
            long overruns = loopBefore.overruns();
            long sent = loopBefore.framesSent();
            long recorded = loopBefore.framesRecorded();
            if (loopAfter != null) {
                p99 = Math.max(p99, loopAfter.p99JitterUs());
                overruns += loopAfter.overruns();
                sent += loopAfter.framesSent();
                recorded += loopAfter.framesRecorded();
            }
            figures.put("p99_jitter_us", p99);
            figures.put("overruns", overruns);
            figures.put("frames_sent", sent);
            figures.put("frames_recorded", recorded);
            figures.put("lost", sent - recorded);
            figures.put("duplicates", rec.duplicates());
            if (sysid != null) {
                for (SysidRecord.Fit fit : sysid.parameters()) {
                    figures.put("sysid_" + fit.name(), fit.fit());
                }
            } else {
                for (String name : Sysid.BALANCER_DEFAULT) {
                    figures.put("sysid_" + name, MISSING);
                }
            }
            figures.put("seconds", Math.round(console.seconds() * 10) / 10.0);
            ReportJson.writeFigures(files.telemetry(), telemetry(sent, recorded, rec));
            ReportJson.writeFigures(files.figures(), figures);
            Path report = DemoReport.write(files, commandLine(), trainingDir, null);
            console.end(DemoConsole.Status.DONE, "");
            finished = true;
            summary(o, evalBefore, evalAfter, sysid, loopBefore, sent, recorded, report);
            Figures line = new Figures();
            figures.forEach((k, v) -> {
                if (v instanceof Number n && !(v instanceof Double)) {
                    line.put(k, n.longValue());
                } else if (v instanceof Double d) {
                    line.put(k, d);
                } else {
                    line.put(k, String.valueOf(v));
                }
            });
            line.print(o);
            return 0;
        } finally {
            closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and writes the partial report.
            }
        }
    }

    private static final List<String> DEPLOY_COLUMNS = List.of("bundle", "outcome", "detail", "ack (s)",
            "swapped after (s)", "overruns around the swap");

    private void refuseBadRequests() {
        if (seed < 0) {
            throw new InputException("--seed " + seed + ": expected an integer >= 0");
        }
        if (trainSteps < 1) {
            throw new InputException("--train-steps " + trainSteps + ": expected a number of env steps >= 1");
        }
        if (!(trainMinutes > 0)) {
            throw new InputException("--train-minutes " + trainMinutes + ": expected a positive number of minutes");
        }
        if (twinParams != null && !Files.isRegularFile(twinParams)) {
            throw new InputException("--twin-params " + twinParams + ": no such file");
        }
    }

    private void prepareOut() throws IOException {
        if (Files.exists(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    if (!Files.exists(new DemoFiles(out).stages())) {
                        throw new InputException("--out " + out + ": exists and holds something other than a demo; "
                                + "expected a new or empty folder");
                    }
                    if (!force) {
                        throw new InputException("--out " + out + ": holds an earlier demo; add --force to replace it or "
                                + "give another --out");
                    }
                    deleteTree(out);
                }
            }
        }
        Files.createDirectories(out);
    }

    private Path obtainBundle(Scale scale) throws IOException {
        if (quick || tiny) {
            Path shipped = shippedBundle();
            console.begin("train", "--quick: starting from the shipped bundle " + SHIPPED + " (trained with randomization; "
                    + "no training here)");
            trainingDir = shipped;
            console.end(DemoConsole.Status.SKIPPED, "--quick starts from the shipped bundle " + SHIPPED);
            return shipped;
        }
        console.begin("train", String.format(Locale.ROOT, "train the balancer with randomization: a budget of %.3g "
                + "minutes or %d env steps, whichever ends first", trainMinutes, trainSteps));
        trainingDir = files.train();
        TrainingRun run = new TrainingRun(new TrainOptions(BalancerTask.ID, null, seed, trainSteps, "cpu", files.train(),
                false, System.nanoTime(), true, true), System.out).stopAfterSeconds(trainMinutes * 60);
        RunSummary s = run.run();
        console.detail(String.format(Locale.ROOT, "%d env steps in %.0f s%s; exported actor's held-out return %.1f%s",
                s.envSteps(), s.wallSeconds(), run.stoppedByBudget() ? " (the time budget ended it)" : "",
                s.heldOut().report().mean(), s.solvedAtEnvSteps() == null
                        ? " (the task's solved threshold was not reached within the budget)"
                        : ", solved threshold first reached at " + s.solvedAtEnvSteps() + " env steps"));
        console.end(DemoConsole.Status.DONE, "training report: " + files.train().resolve("report.html"));
        return files.train().resolve("bundle");
    }

    /** The shipped balancer bundle of this checkout. */
    static Path shippedBundle() {
        Path p = Path.of(System.getProperty("sim2pi.home", "."), SHIPPED);
        if (!Files.isRegularFile(p.resolve("policy.json"))) {
            throw new InputException("--quick: the shipped bundle " + p + " is missing (run from a sim2pi checkout)");
        }
        return p;
    }

    private void writeKey(KeyPair key) throws IOException {
        Files.createDirectories(files.keys());
        Path priv = files.keys().resolve("demo.key");
        Files.writeString(priv, Ed25519Keys.encode(key.getPrivate()) + "\n");
        try {
            Files.setPosixFilePermissions(priv, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system.
        }
        Files.writeString(files.keys().resolve("demo.pub"), Ed25519Keys.encode(key.getPublic()) + "\n");
    }

    /** Copies the bundle's two files to {@code to}, signs them with {@code key} and loads them as the robot will. */
    private static PolicyBundle signAndVerify(Path from, Path to, KeyPair key, RobotTask task) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of(PolicyBundle.MANIFEST_FILE, "policy.onnx")) {
            Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        BundleSigner.sign(to, key.getPrivate(), key.getPublic());
        return BundleLoader.create().trusting(key.getPublic()).expecting(task).load(to);
    }

    /**
     * A controller session on the twin running {@code running}; with a {@code candidate}, it is
     * deployed over MQTT a second into the session and the session then runs its full length.
     */
    private LoopRecord runSession(DemoBroker broker, PolicyBundle running, KeyPair key, Scale scale, String label,
                                  PolicyBundle candidate, List<List<Object>> deployments) throws Exception {
        long recordedBefore = broker.recorderStats().framesWritten();
        TwinSession session = TwinSession.start(running, twinParams, seed, broker, files.spool(),
                List.of(key.getPublic()), scale.warmupPeriods(), ROBOT, "demo-" + label);
        open.add(session);
        double swapSeconds = 0;
        if (candidate != null) {
            session.runFor(1, console);
            long overrunsBefore = session.controller().loop().overruns();
            String oldId = session.controller().loop().policyId();
            DemoDeploy.Outcome d = DemoDeploy.send(broker.operator(), ROBOT, files.bundleAfter(), key, 60_000);
            long waitEnd = System.nanoTime() + 10_000_000_000L;
            while (d.accepted() && session.controller().loop().policyId().equals(oldId) && System.nanoTime() < waitEnd) {
                Thread.sleep(5);
            }
            swapSeconds = session.seconds();
            boolean swapped = !session.controller().loop().policyId().equals(oldId);
            session.runFor(swapSeconds + 0.5, console);
            long overruns = session.controller().loop().overruns() - overrunsBefore;
            deployments.add(List.of(files.bundleAfter().getFileName().toString(),
                    swapped ? "swapped in" : d.accepted() ? "accepted, not swapped" : "refused", d.detail(),
                    d.ackSeconds(), swapSeconds, overruns));
            ReportJson.writeTable(files.deployments(), DEPLOY_COLUMNS, deployments);
            console.detail((swapped ? "swapped in at " + String.format(Locale.ROOT, "%.2f s", swapSeconds) : "not swapped")
                    + ": " + d.detail() + "; overruns around the swap: " + overruns);
        }
        session.runFor(swapSeconds + scale.runSeconds(), console);
        LoopRecord r = session.finish(label, running == null ? "" : (candidate == null ? "bundle-before"
                : "bundle-before, then bundle-after"), broker, recordedBefore);
        open.remove(session);
        r.write(files.loop(label));
        console.detail(String.format(Locale.ROOT, "%d periods, %d overruns, start jitter p99 %.1f us; return %.1f, "
                + "%d falls; %d frames sent, %d recorded", r.iterations(), r.overruns(), r.p99JitterUs(), r.episodeReturn(),
                r.falls(), r.framesSent(), r.framesRecorded()));
        return r;
    }

    private SysidRecord identify(RobotTask task, Scale scale) throws IOException {
        long start = System.nanoTime();
        SysidResult r = Sysid.run(files.data(), task, new Sysid.Options(Sysid.BALANCER_DEFAULT, 10, 5,
                scale.maxDeadTime()), d -> console.detail("dead time " + d + " of " + scale.maxDeadTime() + " fitted"));
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Double> truth = twinTruth();
        Integer trueDead = truth.containsKey("action_latency_steps") && truth.containsKey("observation_delay_steps")
                ? (int) Math.round(truth.get("action_latency_steps") + truth.get("observation_delay_steps")) : null;
        SysidRecord record = SysidRecord.of(task.id(), files.data().toString(), r, truth, trueDead, seconds);
        record.write(files.sysid());
        Files.writeString(files.sysidRandomization(), RecentredRandomization.json(task.id(), Sysid.space(task), r));
        console.detail(String.format(Locale.ROOT, "%d windows; residual %.3f -> %.3f; dead time %d periods (twin: %s)",
                r.windows(), r.residualBefore(), r.residualAfter(), r.deadTimeSteps(), trueDead));
        for (SysidRecord.Fit f : record.parameters()) {
            console.detail(String.format(Locale.ROOT, "%-24s %.5g +- %.2g (twin %s)%s", f.name(), f.fit(), f.sigma(),
                    f.truth() == null ? "?" : String.format(Locale.ROOT, "%.5g", f.truth()),
                    f.inCombination() ? ", only identifiable in a combination" : ""));
        }
        return record;
    }

    /** The twin's parameters by name, from --twin-params or the shipped example. */
    private Map<String, Double> twinTruth() throws IOException {
        JsonNode root;
        if (twinParams != null) {
            root = new ObjectMapper().readTree(twinParams.toFile());
        } else {
            try (InputStream in = SimWorld.class.getResourceAsStream("/dev/sim2pi/sim/twin/" + BalancerTask.ID + "-twin.json")) {
                root = in == null ? null : new ObjectMapper().readTree(in);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (root != null) {
            root.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    m.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return m;
    }

    private static Map<String, Object> telemetry(long sent, long recorded, RecorderStats rec) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("frames_sent", sent);
        t.put("frames_recorded", recorded);
        t.put("lost", sent - recorded);
        t.put("duplicates", rec.duplicates());
        t.put("missing_in_sequence", rec.missing());
        t.put("dropped_at_source", rec.droppedAtSource());
        t.put("malformed", rec.malformed());
        t.put("datasets", (long) rec.datasets());
        t.put("bytes", rec.bytes());
        return t;
    }

    private void summary(PrintStream o, DemoEvaluation before, DemoEvaluation after, SysidRecord sysid,
                         LoopRecord loop, long sent, long recorded, Path report) {
        o.println();
        o.printf(Locale.ROOT, "return on the twin %.1f, nominal sim %.1f: sim-to-real ratio %.3f (before)%n",
                before.twin().mean(), before.nominal().mean(), before.ratio());
        if (after != null) {
            o.printf(Locale.ROOT, "return on the twin %.1f, nominal sim %.1f: sim-to-real ratio %.3f (after)%n",
                    after.twin().mean(), after.nominal().mean(), after.ratio());
        } else {
            o.println("after: missing (no fine-tuned bundle, so nothing was deployed or run again)");
        }
        o.printf(Locale.ROOT, "loop: start jitter p99 %.1f us, %d overruns; telemetry: %d frames sent, %d recorded%n",
                loop.p99JitterUs(), loop.overruns(), sent, recorded);
        if (sysid != null) {
            o.printf(Locale.ROOT, "sysid: residual %.3f -> %.3f, dead time %d periods (twin %s)%n",
                    sysid.residualBefore(), sysid.residualAfter(), sysid.deadTimeSteps(), sysid.trueDeadTimeSteps());
        } else {
            o.println("sysid: missing (see the stages in the report)");
        }
        o.println("report: " + report.toAbsolutePath());
    }

    private String commandLine() {
        return "sim2pi demo --seed " + seed + (quick ? " --quick" : "") + (tiny ? " --tiny" : "")
                + (twinParams != null ? " --twin-params " + twinParams : "") + (quick || tiny ? "" : " --train-minutes "
                + trainMinutes + " --train-steps " + trainSteps) + " --out " + out;
    }

    private synchronized void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("sim2pi demo: closing " + open.get(i).getClass().getSimpleName() + " failed: "
                        + e.getMessage());
            }
        }
        open.clear();
    }

    /** Ctrl-C (or any JVM exit) before the end: actuators safe, broker stopped, partial outputs named. */
    private void stoppedByUser() {
        if (finished || console == null) {
            return;
        }
        // Recorded first: the main thread runs on while the JVM shuts down and must not add stages after this one.
        String stage = console.stop();
        closeAll();
        try {
            List<String> kept = new ArrayList<>();
            try (var entries = Files.list(out)) {
                entries.map(p -> p.getFileName().toString()).sorted().forEach(kept::add);
            }
            Path report = DemoReport.write(files, commandLine(), trainingDir, stage == null ? "between stages" : stage);
            Files.writeString(files.stopped(), "sim2pi demo was stopped by Ctrl-C during stage '" + stage + "'.\n"
                    + "The actuators were made safe and the broker stopped. These outputs are partial:\n  "
                    + String.join("\n  ", kept) + "\nreport: " + report + "\n");
            System.err.println("sim2pi demo: stopped during '" + stage + "'; partial outputs kept in " + out
                    + " (listed in " + files.stopped() + ")");
        } catch (IOException | RuntimeException e) {
            System.err.println("sim2pi demo: stopped; could not write the partial report: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
