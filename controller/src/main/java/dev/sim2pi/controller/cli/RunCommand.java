package dev.sim2pi.controller.cli;

import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.controller.command.CommandChannel;
import dev.sim2pi.controller.command.CommandRules;
import dev.sim2pi.controller.hardware.HardwareKind;
import dev.sim2pi.controller.hardware.Robots;
import dev.sim2pi.controller.loop.PolicyFit;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.runtime.Controller;
import dev.sim2pi.controller.runtime.LoopSummary;
import dev.sim2pi.controller.runtime.LoopWarmup;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a bundle on the robot at its control rate until the duration passes or the process is told to stop. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run a policy bundle on the robot: fixed-rate loop, safety supervisor, watchdog, telemetry.",
        "Nothing moves before an arm (--arm, or the command channel). Ends on --duration, SIGTERM or Ctrl-C with",
        "the actuators safe and a summary whose last line is key=value."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, paramLabel = "B", description = "Bundle folder or .s2p archive.")
    Path bundle;

    @Option(names = "--trust", paramLabel = "KEY.pub", description = "Trust bundles signed by this public key (repeatable).")
    List<Path> trusted = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Accept a bundle without signature.")
    boolean allowUnsigned;

    @Option(names = "--hardware", required = true, paramLabel = "pi4j|sim|twin",
            description = "pi4j: this Raspberry Pi's devices; sim: the simulated robot; twin: the reality twin (both in real time).")
    HardwareKind hardware;

    @Option(names = "--wiring", paramLabel = "W", description = "Wiring file (default: the shipped <task>-pi.json).")
    Path wiring;

    @Option(names = "--twin-params", paramLabel = "F", description = "Twin parameter file (default: the task's shipped example twin).")
    Path twinParams;

    @Option(names = "--broker", paramLabel = "URL", description = "Publish telemetry to this MQTT broker.")
    String broker;

    @Option(names = "--broker-user", paramLabel = "NAME", description = "User name at --broker (the robot's own account).")
    String brokerUser;

    @Option(names = "--broker-password-file", paramLabel = "FILE",
            description = "File whose first line is the --broker-user's password (kept out of the process list).")
    Path brokerPasswordFile;

    @Option(names = "--broker-ca", paramLabel = "PEM", description = "CA certificates to trust for an ssl:// --broker.")
    Path brokerCa;

    @Option(names = "--record", paramLabel = "DIR",
            description = "Workstation only: an embedded broker and recorder in this process write the dataset to DIR.")
    Path record;

    @Option(names = "--robot", defaultValue = "robot1", paramLabel = "ID", description = "Robot id on the topics (default ${DEFAULT-VALUE}).")
    String robot;

    @Option(names = "--spool", paramLabel = "DIR", description = "Telemetry spool (default: ~/.sim2pi/spool/<robot>).")
    Path spool;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "HZ", description = "Loop rate (default: the bundle's control rate).")
    double rateHz;

    @Option(names = "--force-rate", description = "Run at --rate even though the bundle was trained at another rate.")
    boolean forceRate;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Stop after S seconds (0: until SIGTERM or Ctrl-C).")
    double durationSeconds;

    @Option(names = "--arm", description = "Arm at start: the policy drives the actuators from the first periods.")
    boolean arm;

    @Option(names = "--runtime", defaultValue = "onnx", paramLabel = "onnx|java", description = "Policy runner (default ${DEFAULT-VALUE}).")
    PolicyRuntime runtime;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated robot (default ${DEFAULT-VALUE}).")
    long seed;

    // A parked thread woke up to 1-2 ms late now and then on the 2-core test VM (p99.9 jitter ~1.9 ms
    // at 1 kHz with 200 us of spin, 27-52 us with 1000): sleep until 1 ms before the period, then spin.
    @Option(names = "--spin-us", defaultValue = "1000", paramLabel = "US",
            description = "Sleep until this long before each period, then spin (default ${DEFAULT-VALUE}; "
                    + "costs that share of a core per period, best on an isolated core).")
    long spinMicros;

    @Option(names = "--watchdog-periods", defaultValue = "3", paramLabel = "K",
            description = "Periods the loop may miss before the watchdog makes the actuators safe (default ${DEFAULT-VALUE}).")
    int watchdogPeriods;

    @Option(names = "--warmup-periods", defaultValue = "20000", paramLabel = "N",
            description = "Periods the loop runs against a throwaway stepped-clock simulation before real time, "
                    + "so it starts compiled (default ${DEFAULT-VALUE}).")
    int warmupPeriods;

    @Override
    public Integer call() throws Exception {
        if (!(durationSeconds >= 0)) {
            throw new InputException("--duration " + durationSeconds + ": expected 0 (until stopped) or a positive number of seconds");
        }
        if (broker != null && record != null) {
            throw new InputException("--broker and --record exclude each other: --record starts its own broker");
        }
        Topics.checkRobotId(robot);
        if (record != null && LocalRecording.find().isEmpty()) {
            throw new InputException("--record needs the workstation sim2pi (this controller distribution has no broker); "
                    + "publish with --broker URL instead");
        }
        PolicyBundle b = loader().load(bundle);
        RobotTask task = Tasks.byId(b.manifest().taskId());
        String problem = PolicyFit.problem(b.manifest(), task, b.manifest().controlRateHz());
        if (problem != null) {
            throw new InputException(bundle + ": " + problem);
        }
        double loopHz = PolicyFit.loopRate(bundle.toString(), b.manifest(), task, rateHz, forceRate);
        long periodNanos = Math.round(1e9 / loopHz);
        Wiring w = Robots.wiring(task, wiring);
        Clock clock = Clock.system();
        LocalRecording recording = null;
        TelemetryPublisher publisher = null;
        CommandChannel commands = null;
        PreparedPolicy policy = PreparedPolicy.open(b, runtime == PolicyRuntime.JAVA);
        LoopWarmup.run(w, policy, periodNanos, warmupPeriods);
        Robots.Opened opened = null;
        PrintStream out = System.out;
        try {
            MqttSettings mqtt = null;
            if (record != null) {
                recording = LocalRecording.find().orElseThrow(() -> new InputException("--record needs the workstation "
                        + "sim2pi (this controller distribution has no broker); publish with --broker URL instead"));
                mqtt = recording.start(record, robot);
            } else if (broker != null) {
                mqtt = brokerSettings();
            }
            if (mqtt != null) {
                Path spoolDir = spool != null ? spool : Path.of(System.getProperty("user.home"), ".sim2pi", "spool", robot);
                publisher = TelemetryPublisher.start(PublisherConfig.defaults(robot, mqtt, spoolDir),
                        Controller.frameLayout(task, loopHz), "run-" + System.currentTimeMillis(), policy.id());
            }
            // Opened last: a simulated robot starts falling in real time the moment it exists.
            opened = Robots.open(hardware, w, twinParams, clock, seed);
            Robots.Opened robot = opened;
            SafetyConfig safety = SafetyConfig.defaults(1 / loopHz, task.controlPeriodSeconds())
                    .withWatchdogPeriods(watchdogPeriods);
            Controller controller = new Controller(opened.robot(), policy, b.manifest().controlRateHz(), safety, clock,
                    Waiter.parkThenSpin(clock, spinMicros * 1000), periodNanos, publisher, runtime == PolicyRuntime.JAVA);
            TelemetryPublisher pub = publisher;
            AtomicBoolean reported = new AtomicBoolean();
            Runnable report = () -> {
                if (reported.compareAndSet(false, true)) {
                    printSummary(out, controller, robot, pub);
                }
            };
            if (mqtt != null) {
                // Commands other than stop and e-stop must be signed by a key trusted for bundles too.
                commands = CommandChannel.start(mqtt, CommandRules.of(this.robot, trustedKeys()).withExpectedTask(task),
                        controller.commands());
            }
            Thread hook = controller.installShutdownHook(report);
            System.err.printf(Locale.ROOT, "sim2pi controller: %s on %s at %.6g Hz (%s runner), %s%n", b.source(),
                    hardware.name().toLowerCase(Locale.ROOT), loopHz, runtime.name().toLowerCase(Locale.ROOT),
                    arm ? "armed" : "idle until armed");
            controller.start(opened.loopOrigin(clock, periodNanos));
            if (arm) {
                System.err.println("arm: " + controller.commands().arm().detail());
            }
            waitForEnd(controller, opened);
            controller.stop(1000);
            report.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running and reports.
            }
            return 0;
        } finally {
            if (commands != null) {
                commands.close();
            }
            policy.runner().close();
            if (publisher != null) {
                publisher.close(2000);
            }
            if (recording != null) {
                long sent = publisher == null ? 0 : publisher.stats().framesEnqueued();
                long written = recording.finish(sent, 10_000);
                System.err.println("recorded " + written + " of " + sent + " frames into " + record);
                recording.close();
            }
            if (opened != null) {
                opened.robot().close();
            }
        }
    }

    private MqttSettings brokerSettings() {
        char[] password = null;
        if (brokerPasswordFile != null) {
            try {
                password = java.nio.file.Files.readAllLines(brokerPasswordFile).stream().findFirst().orElse("").toCharArray();
            } catch (java.io.IOException e) {
                throw new InputException("--broker-password-file " + brokerPasswordFile + ": cannot read (" + e.getMessage() + ")");
            }
        }
        if ((brokerUser == null) != (password == null)) {
            throw new InputException("--broker-user and --broker-password-file go together");
        }
        return new MqttSettings(broker, brokerUser, password, brokerCa, null, null);
    }

    private List<PublicKey> trustedKeys() {
        List<PublicKey> keys = new ArrayList<>();
        for (Path key : trusted) {
            keys.add(Ed25519Keys.readPublic(key));
        }
        return keys;
    }

    private BundleLoader loader() {
        BundleLoader loader = BundleLoader.create();
        for (PublicKey key : trustedKeys()) {
            loader = loader.trusting(key);
        }
        return allowUnsigned ? loader.allowingUnsigned() : loader;
    }

    private void waitForEnd(Controller controller, Robots.Opened opened) throws InterruptedException {
        long start = System.nanoTime();
        long end = durationSeconds > 0 ? start + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
        long nextReport = start + 1_000_000_000L;
        while (System.nanoTime() < end && controller.loopThread().isAlive()) {
            long now = System.nanoTime();
            if (now >= nextReport) {
                nextReport += 1_000_000_000L;
                var loop = controller.loop();
                System.err.printf(Locale.ROOT, "t=%5.1fs iterations=%d overruns=%d state=%s%s%n", (now - start) * 1e-9,
                        loop.iterations(), loop.overruns(), loop.safety().publishedState().name().toLowerCase(Locale.ROOT),
                        opened.simulation() == null ? "" : String.format(Locale.ROOT, " return=%.1f falls=%d",
                                opened.simulation().episodeReturn(), opened.simulation().falls()));
            }
            Thread.sleep(Math.max(1, Math.min(100, (Math.min(end, nextReport) - System.nanoTime()) / 1_000_000)));
        }
    }

    private static void printSummary(PrintStream out, Controller controller, Robots.Opened opened, TelemetryPublisher publisher) {
        LoopSummary s = controller.summary();
        out.printf(Locale.ROOT, "state %s%s; watchdog trips %d%n", s.state(),
                s.faultCause().isEmpty() ? "" : " (" + s.faultCause() + ")", s.watchdogTrips());
        out.println("events " + s.eventCounts());
        out.println("stage p99 us " + s.stageP99Micros());
        s.overrunLines().forEach(out::println);
        if (opened.simulation() != null) {
            var world = opened.simulation().world();
            StringBuilder sb = new StringBuilder("actuators after stop (read back from the simulated robot):");
            var actions = world.plant().task().actions();
            for (int i = 0; i < actions.size(); i++) {
                sb.append(' ').append(actions.get(i).name()).append('=').append(world.action(i));
            }
            out.println(sb);
        }
        Figures f = new Figures().put("iterations", s.iterations()).put("overruns", s.overruns())
                .put("p50_jitter_us", s.p50JitterMicros()).put("p99_jitter_us", s.p99JitterMicros())
                .put("p999_jitter_us", s.p999JitterMicros()).put("max_jitter_us", s.maxJitterMicros())
                .put("safety_events", s.safetyEvents())
                .put("frames_sent", publisher == null ? 0 : publisher.stats().framesEnqueued());
        if (opened.simulation() != null) {
            f.put("episode_return", opened.simulation().episodeReturn()).put("falls", opened.simulation().falls());
        }
        f.print(out);
    }
}
