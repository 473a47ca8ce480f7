package dev.invaders.cpu;

import dev.invaders.i8080.CpuState;
import tools.jackson.databind.node.ObjectNode;

/**
 * A machine a session runs, a slice at a time (an Invaders frame, or a stretch of CP/M instructions), on
 * the session's thread only.
 */
abstract sealed class Driver permits InvadersDriver, CpmDriver {
    final RoutedProcessor cpu;

    Driver(RoutedProcessor cpu) {
        this.cpu = cpu;
    }

    /** {@code invaders} or {@code cpm}. */
    abstract String machine();

    /** Runs one slice; false when the machine has finished (nothing more to run). */
    abstract boolean runSlice();

    /** True when the machine has nothing more to run. */
    abstract boolean done();

    abstract long frames();

    /** SHA-256 hex of everything that decides the machine's future. */
    abstract String stateHash();

    /** What the program printed (CP/M); empty for Invaders. */
    String console() {
        return "";
    }

    /** The number a checkpoint taken now carries (the memory bus keeps the highest). */
    abstract long checkpointNumber();

    /** Whether a checkpoint is due now (called between slices). */
    abstract boolean checkpointDue();

    /** The machine's own state for a checkpoint (besides CPU and memory). */
    abstract void describe(ObjectNode machine);

    /** The whole 64 KiB address space. */
    abstract byte[] memoryImage();

    CpuState cpuState() {
        return cpu.state();
    }

    long instructions() {
        return cpu.instructions();
    }

    long cycles() {
        return cpu.cycles();
    }
}
