package dev.sim2pi.models;

/**
 * Bad input from a user: a file, field, option or message that is not what was expected. The
 * message alone must tell the user what is wrong and where (file and field), so command-line
 * front ends print it without a stack trace.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
