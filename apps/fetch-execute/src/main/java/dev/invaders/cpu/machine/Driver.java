package dev.invaders.cpu.machine;

import dev.invaders.cpu.route.RoutedProcessor;
import dev.invaders.i8080.CpuState;
import tools.jackson.databind.node.ObjectNode;

/**
 * A machine a session runs, a slice at a time (an Invaders frame, or a stretch of CP/M instructions), on
 * the session's thread only.
 */
public abstract sealed class Driver permits InvadersDriver, CpmDriver {
    public final RoutedProcessor cpu;

    Driver(RoutedProcessor cpu) {
        this.cpu = cpu;
    }

    /** {@code invaders} or {@code cpm}. */
    public abstract String machine();

    /** Runs one slice; false when the machine has finished (nothing more to run). */
    public abstract boolean runSlice();

    /** True when the machine has nothing more to run. */
    public abstract boolean done();

    public abstract long frames();

    /** SHA-256 hex of everything that decides the machine's future. */
    public abstract String stateHash();

    /** What the program printed (CP/M); empty for Invaders. */
    public String console() {
        return "";
    }

    /** The number a checkpoint taken now carries (the memory bus keeps the highest). */
    public abstract long checkpointNumber();

    /** Whether a checkpoint is due now (called between slices). */
    public abstract boolean checkpointDue();

    /** The machine's own state for a checkpoint (besides CPU and memory). */
    public abstract void describe(ObjectNode machine);

    /** The whole 64 KiB address space. */
    public abstract byte[] memoryImage();

    public CpuState cpuState() {
        return cpu.state();
    }

    public long instructions() {
        return cpu.instructions();
    }

    public long cycles() {
        return cpu.cycles();
    }
}
