package dev.sim2pi.trainer.run;

import java.io.IOException;

/** The commit of the code that made an artifact, for its provenance. */
public final class GitCommit {

    private GitCommit() {
    }

    /**
     * The commit of the sim2pi checkout that is running: the launcher's {@code sim2pi.home} (the
     * working directory may be anywhere), with {@code -dirty} when sources differ from it, or
     * {@code unknown} outside a repository.
     */
    public static String current() {
        try {
            java.io.File home = new java.io.File(System.getProperty("sim2pi.home", "."));
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(home).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && s.matches("[0-9a-f]{40}")) {
                Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .directory(home).redirectErrorStream(true).start();
                boolean dirty = !new String(status.getInputStream().readAllBytes()).isBlank();
                return status.waitFor() == 0 && !dirty ? s : s + "-dirty";
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
