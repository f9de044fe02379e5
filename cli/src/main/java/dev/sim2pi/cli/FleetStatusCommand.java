package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sim2pi fleet status}: every robot's running bundle, uptime, safety events and counters. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "List the robots on a broker from their retained status: state, running bundle (id, version, parent), uptime, "
                + "loop periods and overruns, last safety events, telemetry counters, rollbacks, and the last gate decision.",
        "Last line: robots= online= rollbacks= safety_events="})
final class FleetStatusCommand implements Callable<Integer> {

    @Mixin
    BrokerOptions broker;

    @Option(names = "--wait", defaultValue = "3", paramLabel = "S",
            description = "Longest wait for retained messages (ends sooner once they stop coming; default ${DEFAULT-VALUE}).")
    double waitSeconds;

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
            throw new InputException("--broker: required (the robots' broker); no broker listens on 127.0.0.1:"
                    + broker.embeddedPort);
        }
        try {
            List<FleetStatus.Robot> robots = FleetStatus.collect(mqtt, 500, Math.round(waitSeconds * 1000));
            FleetStatus.print(robots, System.currentTimeMillis(), System.out);
            return 0;
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
