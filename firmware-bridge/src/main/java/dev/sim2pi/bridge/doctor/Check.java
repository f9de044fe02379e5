package dev.sim2pi.bridge.doctor;

/**
 * One row of the doctor's table.
 *
 * @param name   what was checked
 * @param status the outcome
 * @param detail what was found
 * @param fix    what to do when it failed (empty when it passed)
 */
public record Check(String name, Status status, String detail, String fix) {

    /** Outcome of a check. */
    public enum Status { OK, FAIL, INFO }

    static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, "");
    }

    static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }

    static Check info(String name, String detail) {
        return new Check(name, Status.INFO, detail, "");
    }
}
