package dev.sim2pi.cli;

import picocli.CommandLine;

/** Reports the build's version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Sim2pi.class.getPackage().getImplementationVersion();
        return new String[] {"sim2pi " + (v == null ? "development build" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
