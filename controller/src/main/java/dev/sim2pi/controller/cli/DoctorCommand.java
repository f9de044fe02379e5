package dev.sim2pi.controller.cli;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import dev.sim2pi.bridge.doctor.Check;
import dev.sim2pi.bridge.doctor.Doctor;
import dev.sim2pi.bridge.doctor.Pi4jI2cProber;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks that this machine can run a wiring file; exit code 1 when any check failed. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
        "Check a wiring file and, on a Raspberry Pi, the GPIO, I2C and serial devices it needs.",
        "Prints one row per check with what to do when it fails; exits 1 if any failed."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--wiring", required = true, paramLabel = "W", description = "Wiring file (JSON).")
    Path wiring;

    @Override
    public Integer call() {
        Context[] pi4j = new Context[1];
        try {
            List<Check> rows = new Doctor(Path.of("/"), Runtime.version().feature(), w -> {
                pi4j[0] = Pi4J.newAutoContext();
                return new Pi4jI2cProber(pi4j[0]);
            }).run(wiring);
            System.out.print(Doctor.table(rows));
            long failed = rows.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            System.out.println(failed == 0 ? "all checks passed" : failed + " check(s) failed");
            return failed == 0 ? 0 : 1;
        } finally {
            if (pi4j[0] != null) {
                pi4j[0].shutdown();
            }
        }
    }
}
