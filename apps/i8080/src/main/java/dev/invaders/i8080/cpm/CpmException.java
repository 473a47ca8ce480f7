package dev.invaders.i8080.cpm;

/** A CP/M program did something this minimal CP/M does not support, or could not be loaded. */
public final class CpmException extends RuntimeException {
    public CpmException(String message) {
        super(message, null, false, false);
    }
}
