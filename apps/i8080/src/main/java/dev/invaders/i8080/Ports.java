package dev.invaders.i8080;

/** The CPU's I/O bus: IN and OUT. Ports are 0-255, values 0-255. */
public interface Ports {
    int in(int port);

    void out(int port, int value);

    /** No devices: IN reads 0, OUT is ignored. */
    Ports NONE = new Ports() {
        @Override
        public int in(int port) {
            return 0;
        }

        @Override
        public void out(int port, int value) {
        }
    };
}
