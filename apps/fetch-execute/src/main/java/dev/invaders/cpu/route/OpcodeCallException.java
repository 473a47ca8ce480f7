package dev.invaders.cpu.route;

/** An instruction could not be executed remotely: refused (4xx), or no answer before the deadline. */
public class OpcodeCallException extends RuntimeException {
    public OpcodeCallException(String message, Throwable cause) {
        super(message, cause);
    }

    public OpcodeCallException(String message) {
        super(message);
    }
}
