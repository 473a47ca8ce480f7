package dev.invaders.i8080.exec;

/** What an OUT instruction sends: a value (0-255) to a port (0-255). */
public record PortWrite(int port, int value) {

    public PortWrite {
        if ((port & ~0xFF) != 0 || (value & ~0xFF) != 0) {
            throw new IllegalArgumentException("a port write has a port and a value of 0-255: " + port + ", " + value);
        }
    }
}
