package dev.invaders.machine.cli;

/** Bad input on the command line: {@link Main} prints the message as one line and exits with status 2. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message, null, false, false);
    }
}
