package dev.sim2pi.cli;

import java.nio.file.Path;

/** Where the demo puts each of its outputs, all under one folder. */
record DemoFiles(Path dir) {

    Path train() { return dir.resolve("train"); }
    Path bundleBefore() { return dir.resolve("bundle-before"); }
    Path bundleAfter() { return dir.resolve("bundle-after"); }
    Path keys() { return dir.resolve("keys"); }
    Path credentials() { return dir.resolve("broker-credentials.properties"); }
    Path data() { return dir.resolve("data"); }
    Path spool() { return dir.resolve("spool"); }
    Path loop(String label) { return dir.resolve("loop-" + label + ".json"); }
    Path evaluation() { return dir.resolve("evaluation.json"); }
    Path telemetry() { return dir.resolve("telemetry.json"); }
    Path sysid() { return dir.resolve("sysid.json"); }
    Path sysidRandomization() { return dir.resolve("sysid-randomization.json"); }
    Path finetune() { return dir.resolve("finetune"); }
    Path finetuneNote() { return dir.resolve("finetune.txt"); }
    Path deployments() { return dir.resolve("deployments.json"); }
    Path stages() { return dir.resolve("stages.json"); }
    Path figures() { return dir.resolve("figures.json"); }
    Path report() { return dir.resolve("report.html"); }
    Path stopped() { return dir.resolve("STOPPED.txt"); }
}
