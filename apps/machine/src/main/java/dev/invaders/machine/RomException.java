package dev.invaders.machine;

/** The ROM the user gave cannot be used; the message says why in one line. */
public final class RomException extends Exception {
    public RomException(String message) {
        super(message);
    }

    public RomException(String message, Throwable cause) {
        super(message, cause);
    }
}
