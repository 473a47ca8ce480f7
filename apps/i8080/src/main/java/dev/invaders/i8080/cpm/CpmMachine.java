package dev.invaders.i8080.cpm;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.Processor;
import dev.invaders.i8080.Ram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * Just enough CP/M to run the classic 8080 test programs: the program loads at 0x0100 and starts there;
 * {@code CALL 0005h} reaches the BDOS; a jump to 0x0000 (warm boot) ends the run.
 *
 * <p>The BDOS and warm boot are two tiny stubs in memory that talk to the host through I/O ports, so
 * the CPU needs no special case and a CPU whose opcodes run elsewhere sees the same machine:
 * <pre>
 *   0000: OUT 00h        ; warm boot: the run ends
 *   0005: OUT 01h        ; BDOS: the host performs function C
 *   0007: RET
 * </pre>
 * Supported BDOS functions: 0 (system reset, ends the run), 2 (print the character in E) and 9 (print
 * the string at DE up to '$'). Any other raises {@link CpmException}. The word at 0x0006 (which CP/M
 * programs read as the top of their memory) is 0xC901.
 *
 * <p>The processor is the in-process {@link Cpu} by default; any {@link Processor} built over this
 * machine's memory and ports works the same (the fetch-execute service passes one whose opcodes run in
 * the opcode services), so the stubs have one definition.
 */
public final class CpmMachine implements Ports {
    /** Where CP/M loads a program, and the largest program that fits above it. */
    public static final int LOAD_ADDRESS = 0x0100, MAX_PROGRAM_SIZE = 0x10000 - LOAD_ADDRESS;
    /** The ports the stubs use: OUT 00h is warm boot, OUT 01h a BDOS call. */
    public static final int WARM_BOOT_PORT = 0x00, BDOS_PORT = 0x01;

    private final Ram ram = new Ram();
    private final Processor processor;
    /** The processor when it is the in-process Cpu (which runs whole stretches at once), else null. */
    private final Cpu cpu;
    private final OutputStream console;
    private boolean finished;

    /** A machine with the program loaded and an in-process {@link Cpu}; console receives every byte printed. */
    public CpmMachine(byte[] program, OutputStream console) {
        this(program, console, Cpu::new);
    }

    /**
     * A machine with the program loaded and the processor {@code processors} makes over this machine's
     * memory and ports; console receives every byte the program prints.
     */
    public CpmMachine(byte[] program, OutputStream console, BiFunction<Memory, Ports, Processor> processors) {
        if (program.length > MAX_PROGRAM_SIZE) {
            throw new CpmException("program is " + program.length + " bytes; a CP/M program fits in "
                    + MAX_PROGRAM_SIZE + " bytes (0x0100-0xFFFF)");
        }
        this.console = console;
        ram.load(0x0000, new byte[] {(byte) 0xD3, WARM_BOOT_PORT});
        ram.load(0x0005, new byte[] {(byte) 0xD3, BDOS_PORT, (byte) 0xC9});
        ram.load(LOAD_ADDRESS, program);
        this.processor = processors.apply(ram, this);
        this.cpu = processor instanceof Cpu c ? c : null;
        processor.setState(processor.state().withPc(LOAD_ADDRESS));
    }

    /**
     * Runs until warm boot, a HLT, or maxInstructions (0 for no limit); returns why it stopped.
     * A HLT ends the run because nothing in CP/M raises interrupts.
     */
    public Stop run(long maxInstructions) {
        long limit = maxInstructions <= 0 ? Long.MAX_VALUE : maxInstructions;
        while (!finished) {
            if (processor.state().halted()) {
                return Stop.HALTED;
            }
            if (processor.instructions() >= limit) {
                return Stop.LIMIT;
            }
            if (cpu != null) {
                cpu.run(Long.MAX_VALUE, limit - cpu.instructions());
            } else {
                processor.step();
            }
        }
        return Stop.WARM_BOOT;
    }

    /** Why a run stopped. */
    public enum Stop {
        WARM_BOOT, HALTED, LIMIT
    }

    /** The in-process CPU; fails when the machine was built with another {@link Processor}. */
    public Cpu cpu() {
        if (cpu == null) {
            throw new IllegalStateException("this machine's processor is not the in-process Cpu");
        }
        return cpu;
    }

    public Processor processor() {
        return processor;
    }

    /** The 64 KiB address space (for a checkpoint, or to restore one). */
    public Ram memory() {
        return ram;
    }

    /** Marks the run as ended or not (restoring a checkpoint). */
    public void setFinished(boolean value) {
        finished = value;
    }

    public boolean finished() {
        return finished;
    }

    @Override
    public int in(int port) {
        return 0;
    }

    @Override
    public void out(int port, int value) {
        switch (port) {
            case WARM_BOOT_PORT -> finish();
            case BDOS_PORT -> bdos();
            default -> { } // no other devices
        }
    }

    /** Ends the run: the CPU returns from run() after this instruction. */
    private void finish() {
        finished = true;
        if (cpu != null) {
            cpu.requestStop();
        }
    }

    private void bdos() {
        CpuState s = processor.state();
        int function = s.c();
        int de = s.d() << 8 | s.e();
        try {
            switch (function) {
                case 0 -> finish();
                case 2 -> console.write(s.e());
                case 9 -> printString(de);
                default -> throw new CpmException(String.format(
                        "unsupported BDOS function %d (C=%02Xh) called from %04Xh; supported: 0, 2, 9",
                        function, function, returnAddress(s.sp())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int returnAddress(int sp) {
        return ((ram.read(sp) | ram.read((sp + 1) & 0xFFFF) << 8) - 3) & 0xFFFF;
    }

    private void printString(int address) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < 0x10000; i++) {
            int ch = ram.read((address + i) & 0xFFFF);
            if (ch == '$') {
                console.write(text.toByteArray());
                return;
            }
            text.write(ch);
        }
        throw new CpmException(String.format("BDOS function 9: no '$' ends the string at %04Xh", address));
    }
}
