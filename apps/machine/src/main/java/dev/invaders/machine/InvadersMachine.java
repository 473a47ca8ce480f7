package dev.invaders.machine;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Processor;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The board and its CPU, run a frame at a time with MAME's interrupt timing.
 *
 * <p>A frame is {@value #CYCLES_PER_FRAME} cycles (262 lines of 128). RST 1 (0xCF) is offered at cycle
 * {@value #RST1_CYCLE} of the frame (scanline 96), RST 2 (0xD7) at {@value #RST2_CYCLE} (scanline 224,
 * vblank): 16,384 cycles from RST 1 to RST 2 and 17,152 from RST 2 to the next RST 1. The CPU runs whole
 * instructions, so an interrupt is offered after the instruction that reaches its cycle; the overshoot,
 * and the overshoot past the frame's end, count toward the schedule, so the long-run rate is exact.
 *
 * <p>Interrupt rules: an interrupt offered while INTE is off is lost, not held (a halted CPU stays
 * halted). If INTE is on but the CPU is in the one-instruction shadow after EI, the CPU runs that one
 * instruction and the interrupt is taken right after it (after a chain of EIs, after the first
 * instruction that is not EI); if that instruction was DI, the interrupt is lost.
 *
 * <p>Inputs from an {@link InputLog} are applied at the start of the frame they name. The watchdog
 * (OUT 6) is counted by the board; {@link #setWatchdogReset(boolean) optionally} the machine resets the
 * CPU (PC 0, INTE off; RAM kept) when {@value #WATCHDOG_FRAMES} frames end without a write, as MAME
 * does. The option is off by default. Not thread-safe.
 */
public final class InvadersMachine {
    public static final int CYCLES_PER_FRAME = 33_536;
    public static final int CYCLES_PER_LINE = 128;
    public static final int RST1_CYCLE = 96 * CYCLES_PER_LINE;
    public static final int RST2_CYCLE = 224 * CYCLES_PER_LINE;
    /** RST 1: the mid-screen interrupt. */
    public static final int RST1 = 0xCF;
    /** RST 2: the vblank interrupt. */
    public static final int RST2 = 0xD7;
    /** Frames without a watchdog write after which MAME resets the machine. */
    public static final int WATCHDOG_FRAMES = 255;
    /** The CPU clock: 19.968 MHz / 10. */
    public static final double CLOCK_HZ = 1_996_800.0;

    private final InvadersBoard board;
    private final Processor cpu;
    private InputLog log = InputLog.empty();
    private List<InputLog.Change> pending = List.of();
    private int pendingIndex;
    private long frame;
    /** Cycles already run into the next frame (the last frame's overshoot). */
    private int carry;
    private boolean watchdogReset;
    private int taken, lost;

    /** A machine around this board with an in-process {@link Cpu}. */
    public InvadersMachine(InvadersBoard board) {
        this(board, new Cpu(board, board));
    }

    /** A machine around this board and processor (which must use the board as its memory and ports). */
    public InvadersMachine(InvadersBoard board, Processor processor) {
        this.board = board;
        this.cpu = processor;
    }

    /** A fresh machine: this 8 KiB ROM image, these DIP switches, an in-process CPU. */
    public static InvadersMachine create(byte[] rom, DipSwitches dips) {
        return new InvadersMachine(new InvadersBoard(rom, dips));
    }

    public InvadersBoard board() {
        return board;
    }

    public Processor processor() {
        return cpu;
    }

    /** Frames run so far (the number of the next frame). */
    public long frame() {
        return frame;
    }

    /** Cycles run so far. */
    public long cycles() {
        return cpu.cycles();
    }

    public boolean watchdogReset() {
        return watchdogReset;
    }

    /** Whether to reset the CPU when {@value #WATCHDOG_FRAMES} frames end without a write to OUT 6. */
    public void setWatchdogReset(boolean on) {
        watchdogReset = on;
    }

    public InputLog inputLog() {
        return log;
    }

    /** Plays this log from now on: changes for frames already run are skipped. */
    public void setInputLog(InputLog inputLog) {
        log = inputLog;
        pending = inputLog.changes();
        pendingIndex = 0;
        while (pendingIndex < pending.size() && pending.get(pendingIndex).frame() < frame) {
            pendingIndex++;
        }
    }

    /** Runs one frame: inputs for it, RST 1, RST 2, and the frame's remaining cycles. */
    public FrameInfo runFrame() {
        while (pendingIndex < pending.size() && pending.get(pendingIndex).frame() <= frame) {
            InputLog.Change c = pending.get(pendingIndex++);
            board.setInput(c.input(), c.down());
        }
        taken = 0;
        lost = 0;
        int start = carry;
        int t = runTo(start, RST1_CYCLE);
        t += offer(RST1);
        t = runTo(t, RST2_CYCLE);
        t += offer(RST2);
        t = runTo(t, CYCLES_PER_FRAME);
        carry = t - CYCLES_PER_FRAME;
        board.frameEnded();
        boolean reset = false;
        if (watchdogReset && board.watchdogFrames() >= WATCHDOG_FRAMES) {
            cpu.setState(new CpuState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, false, false, cpu.cycles()));
            board.resetWatchdog();
            reset = true;
        }
        return new FrameInfo(frame++, t - start, board.drainSoundEvents(), taken, lost, reset);
    }

    /** Runs n frames and returns the last frame's info (null when n is 0). */
    public FrameInfo runFrames(long n) {
        FrameInfo last = null;
        for (long i = 0; i < n; i++) {
            last = runFrame();
        }
        return last;
    }

    /** Cycles already run into the next frame (the last frame's overshoot past its end). */
    public int carry() {
        return carry;
    }

    /**
     * Puts the frame counter and the carried cycles back (restoring a checkpoint taken between frames;
     * the board and the processor are restored by their own methods). The input log, if any, continues
     * from that frame.
     */
    public void restoreFrame(long frameNumber, int carriedCycles) {
        if (frameNumber < 0 || carriedCycles < 0) {
            throw new IllegalArgumentException("frame and carry must not be negative: " + frameNumber + ", "
                    + carriedCycles);
        }
        frame = frameNumber;
        carry = carriedCycles;
        setInputLog(log);
    }

    private int runTo(int t, int end) {
        return end > t ? t + (int) cpu.run(end - t) : t;
    }

    /** Offers an interrupt now; returns the cycles it (and any EI-shadow instruction) took. */
    private int offer(int rst) {
        long before = cpu.cycles();
        while (!cpu.interrupt(rst)) {
            if (!cpu.state().inte()) {
                lost++;
                return (int) (cpu.cycles() - before);
            }
            cpu.step();
        }
        taken++;
        return (int) (cpu.cycles() - before);
    }

    /**
     * SHA-256, as 64 lower-case hex digits, of everything that decides the machine's future given the
     * same ROM and inputs. The digest covers, in order: the ASCII tag {@code invaders-state-1}; the CPU's
     * A B C D E H L and flag bytes, SP and PC (2 bytes each, big-endian), INTE, halted, and EI-shadow
     * (1 byte each, 0 or 1), the cycle count (8 bytes); RAM 0x2000-0x3FFF (8,192 bytes); the shift
     * register (2 bytes), shift amount, OUT 3 and OUT 5 latches (1 byte each); IN 0, IN 1, IN 2 as the
     * CPU would read them now (controls held and DIP switches, 1 byte each); the watchdog frame count
     * (4 bytes); the frame number (8 bytes) and the cycles carried into the next frame (4 bytes).
     * The ROM is not included: it cannot change.
     */
    public String stateHash() {
        CpuState s = cpu.state();
        ByteBuffer buf = ByteBuffer.allocate(16 + 23 + 0x2000 + 5 + 3 + 4 + 12);
        buf.put("invaders-state-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        buf.put((byte) s.a()).put((byte) s.b()).put((byte) s.c()).put((byte) s.d()).put((byte) s.e())
                .put((byte) s.h()).put((byte) s.l()).put((byte) s.flags());
        buf.putShort((short) s.sp()).putShort((short) s.pc());
        boolean shadow = s.inte() && !cpu.acceptsInterrupt();
        buf.put((byte) (s.inte() ? 1 : 0)).put((byte) (s.halted() ? 1 : 0)).put((byte) (shadow ? 1 : 0));
        buf.putLong(s.cycles());
        buf.put(board.memoryArray(), InvadersBoard.RAM_START, InvadersBoard.RAM_END - InvadersBoard.RAM_START);
        buf.putShort((short) board.shiftRegister()).put((byte) board.shiftAmount())
                .put((byte) board.soundPort3()).put((byte) board.soundPort5());
        buf.put((byte) board.in(0)).put((byte) board.in(1)).put((byte) board.in(2));
        buf.putInt(board.watchdogFrames());
        buf.putLong(frame).putInt(carry);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buf.array(), 0, buf.position());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
