package dev.sim2pi.models.bundle;

import dev.sim2pi.models.InputException;

/**
 * A policy bundle refused at load time. The message names the bundle, the field at fault
 * and what was expected.
 */
public final class BundleException extends InputException {

    private final String bundle;
    private final String field;

    public BundleException(String bundle, String field, String problem) {
        super("policy bundle " + bundle + " refused: " + field + ": " + problem);
        this.bundle = bundle;
        this.field = field;
    }

    public BundleException(String bundle, String field, String problem, Throwable cause) {
        super("policy bundle " + bundle + " refused: " + field + ": " + problem, cause);
        this.bundle = bundle;
        this.field = field;
    }

    /** The bundle as the caller named it (folder or archive path). */
    public String bundle() {
        return bundle;
    }

    /** The file or manifest field at fault, for example {@code policy.json:task.id}. */
    public String field() {
        return field;
    }
}
