package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sim2pi deploy}: gate a candidate bundle against the robot's running one, then deploy it. */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = {
        "Gate a candidate bundle against the bundle a robot runs (same held-out episodes: the randomized simulator, "
                + "and each --twin-params), log and publish the decision, and if it passes publish the signed bundle "
                + "(retained on sim2pi/<robot>/policy) with a signed load command; wait for the swap and for the verdict "
                + "after the robot's probation (kept, or rolled back).",
        "The running bundle is read back from the robot's policy topic when its status names it; else give --current.",
        "Last line: decision= candidate_return= current_return= margin= swapped= rollback= verdict= reason= version="})
final class DeployCommand implements Callable<Integer> {

    @Mixin
    BrokerOptions broker;

    @Option(names = "--robot", required = true, paramLabel = "ID", description = "Robot id.")
    String robot;

    @Option(names = "--bundle", required = true, paramLabel = "B", description = "Candidate bundle folder or .s2p archive.")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "PREFIX",
            description = "Operator key pair prefix (PREFIX.key, PREFIX.pub); the robot must trust PREFIX.pub. "
                    + "The bundle is signed with it unless it already is.")
    Path key;

    @Option(names = "--current", paramLabel = "B", description = "The bundle the robot runs (default: read back from its policy topic).")
    Path current;

    @Option(names = "--gate-episodes", defaultValue = "20", paramLabel = "N",
            description = "Episodes per scenario for each bundle; 0 skips the gate (default ${DEFAULT-VALUE}).")
    int gateEpisodes;

    @Option(names = "--gate-margin", defaultValue = "0", paramLabel = "X",
            description = "Mean return the candidate must beat the running bundle by (default ${DEFAULT-VALUE}).")
    double gateMargin;

    @Option(names = "--gate-seed", defaultValue = "1000000", paramLabel = "S",
            description = "Episode k of each scenario uses seed S+k (default ${DEFAULT-VALUE}, apart from training's).")
    long gateSeed;

    @Option(names = "--twin-params", paramLabel = "F", description = "A twin whose episodes join the gate (repeatable).")
    List<Path> twins = new ArrayList<>();

    @Option(names = "--randomization", paramLabel = "F",
            description = "Randomization ranges for the gate's simulator, e.g. sysid's re-centred file (default: the shipped ones).")
    Path randomization;

    @Option(names = "--force", description = "Let the robot load an older bundle, another model of its version, or one it rolled back before.")
    boolean force;

    @Option(names = "--log", paramLabel = "FILE", description = "Append the decision and outcome here (default .sim2pi/deploy/<robot>.log).")
    Path log;

    @Option(names = "--ack-timeout", defaultValue = "30", paramLabel = "S", description = "Seconds to wait for the robot's answer (default ${DEFAULT-VALUE}).")
    int ackSeconds;

    @Option(names = "--verdict-timeout", defaultValue = "60", paramLabel = "S",
            description = "Seconds to wait for the verdict after the probation (default ${DEFAULT-VALUE}).")
    int verdictSeconds;

    @Override
    public Integer call() throws Exception {
        MqttSettings mqtt;
        BrokerOptions.Target target = null;
        if (broker.url != null) {
            mqtt = broker.settings();
        } else if (BrokerOptions.listening(broker.embeddedPort)) {
            target = broker.open("operator");
            mqtt = target.settings();
        } else {
            throw new InputException("--broker: required (the robots' broker, tcp://host:1883 or ssl://host:8883); "
                    + "no broker listens on 127.0.0.1:" + broker.embeddedPort);
        }
        try {
            Deployer.Request r = Deployer.Request.of(robot, bundle, key).withCurrent(current)
                    .withGate(gateEpisodes, gateSeed, gateMargin, twins, randomization).withForce(force)
                    .withTimeouts(ackSeconds * 1000L, verdictSeconds * 1000L);
            if (log != null) {
                r = r.withLog(log);
            }
            Deployer.Result result = Deployer.deploy(mqtt, r, System.out);
            result.figures().print(System.out);
            return result.swapped() && !result.rolledBack() ? 0 : 1;
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
