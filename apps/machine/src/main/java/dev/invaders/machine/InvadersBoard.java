package dev.invaders.machine;

import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Ports;

import java.util.Arrays;
import java.util.List;

/**
 * The Space Invaders board as the 8080 sees it: memory map, input ports, DIP switches, the MB14241
 * shifter, sound latches and the watchdog. Facts from {@code space-invaders-hardware.md} (MAME).
 *
 * <p>Memory (A15 ignored, so 0x8000-0xFFFF repeats 0x0000-0x7FFF):
 * <ul>
 * <li>0x0000-0x1FFF ROM, writes ignored;</li>
 * <li>0x2000-0x23FF work RAM, 0x2400-0x3FFF video RAM;</li>
 * <li>0x4000-0x5FFF no device: reads return {@link #UNMAPPED_READ} (0x00), writes are ignored;</li>
 * <li>0x6000-0x7FFF mirror of 0x2000-0x3FFF.</li>
 * </ul>
 *
 * <p>Ports (number masked to 3 bits). IN 0-2: controls and DIP switches (see {@link #in}); IN 3: shifter
 * result; IN 4-7 mirror IN 0-3 (A2 is not decoded for reads, as in MAME's map). OUT 2: shift amount;
 * OUT 3 and 5: sound latches (a 0 -> 1 edge records a {@link SoundEvent}); OUT 4: shift data; OUT 6:
 * watchdog; OUT 0, 1, 7: nothing.
 *
 * <p>The coin input is active-low as in MAME (IN 1 bit 0 reads 1 while no coin is inserted); every
 * other control reads 1 while pressed. Not thread-safe: the thread that runs the CPU owns the board.
 */
public final class InvadersBoard implements Memory, Ports {
    /** What a read of 0x4000-0x5FFF (no device) returns. */
    public static final int UNMAPPED_READ = 0x00;
    public static final int ROM_SIZE = 0x2000;
    public static final int RAM_START = 0x2000;
    public static final int VIDEO_START = 0x2400;
    public static final int RAM_END = 0x4000;
    private static final int MAX_EVENTS = 64;

    /**
     * The whole 64 KiB address space as the CPU reads it: ROM at 0x0000 and 0x8000, RAM at 0x2000 and its
     * mirrors 0x6000, 0xA000 and 0xE000 (a RAM write updates all four), 0x00 in the unmapped ranges.
     * The CPU reads it directly ({@link #flatView()}); RAM proper is {@code mem[0x2000..0x3FFF]}.
     */
    private final byte[] mem = new byte[0x10000];
    private DipSwitches dips;
    private int dipBits;
    /** IN 0 bits 4-6, IN 1 bits 1, 2, 4-6 and coin, IN 2 bits 2, 4-6: what is pressed now. */
    private int in0, in1, in2;
    private int shift;
    private int shiftAmount;
    private int sound3, sound5;
    /** 0 -> 1 edges of the OUT 3 and OUT 5 latches since the last {@link #drainLatchEdges()}. */
    private int rising3, rising5;
    private int watchdogFrames;
    private long watchdogWrites;
    private final SoundEvent[] events = new SoundEvent[MAX_EVENTS];
    private int eventCount;
    private int eventsDropped;

    /** A board with this 8 KiB ROM image and DIP switches; RAM all zero, nothing pressed. */
    public InvadersBoard(byte[] rom, DipSwitches dips) {
        if (rom.length != ROM_SIZE) {
            throw new IllegalArgumentException("the ROM image must be " + ROM_SIZE + " bytes, not " + rom.length);
        }
        System.arraycopy(rom, 0, mem, 0, ROM_SIZE);
        System.arraycopy(rom, 0, mem, 0x8000, ROM_SIZE);
        setDipSwitches(dips);
    }

    public InvadersBoard(byte[] rom) {
        this(rom, DipSwitches.DEFAULT);
    }

    // --- memory ------------------------------------------------------------------------------------

    @Override
    public int read(int address) {
        return mem[address] & 0xFF;
    }

    @Override
    public void write(int address, int value) {
        // RAM and its mirrors are exactly the addresses with A13 set (A15 ignored, A14 only mirrors).
        if ((address & 0x2000) != 0) {
            int offset = address & 0x1FFF;
            byte v = (byte) value;
            mem[0x2000 | offset] = v;
            mem[0x6000 | offset] = v;
            mem[0xA000 | offset] = v;
            mem[0xE000 | offset] = v;
        }
    }

    @Override
    public byte[] flatView() {
        return mem;
    }

    /** The video RAM byte at 0x2400 + offset (0-7167). */
    public int videoByte(int offset) {
        return mem[VIDEO_START + offset] & 0xFF;
    }

    /** The backing array (ROM then RAM, 16 KiB) for the video renderer and the state hash; do not change. */
    byte[] memoryArray() {
        return mem;
    }

    // --- controls ----------------------------------------------------------------------------------

    public DipSwitches dipSwitches() {
        return dips;
    }

    public void setDipSwitches(DipSwitches dipSwitches) {
        dips = dipSwitches;
        dipBits = dipSwitches.port2Bits();
    }

    /** Presses ({@code down} true) or releases a control; takes effect at the next IN. */
    public void setInput(Input input, boolean down) {
        switch (input) {
            case COIN -> in1 = set(in1, 0x01, down);
            case P2_START -> in1 = set(in1, 0x02, down);
            case P1_START -> in1 = set(in1, 0x04, down);
            case P1_FIRE -> { in0 = set(in0, 0x10, down); in1 = set(in1, 0x10, down); }
            case P1_LEFT -> { in0 = set(in0, 0x20, down); in1 = set(in1, 0x20, down); }
            case P1_RIGHT -> { in0 = set(in0, 0x40, down); in1 = set(in1, 0x40, down); }
            case TILT -> in2 = set(in2, 0x04, down);
            case P2_FIRE -> in2 = set(in2, 0x10, down);
            case P2_LEFT -> in2 = set(in2, 0x20, down);
            case P2_RIGHT -> in2 = set(in2, 0x40, down);
        }
    }

    public boolean isDown(Input input) {
        return switch (input) {
            case COIN -> (in1 & 0x01) != 0;
            case P2_START -> (in1 & 0x02) != 0;
            case P1_START -> (in1 & 0x04) != 0;
            case P1_FIRE -> (in1 & 0x10) != 0;
            case P1_LEFT -> (in1 & 0x20) != 0;
            case P1_RIGHT -> (in1 & 0x40) != 0;
            case TILT -> (in2 & 0x04) != 0;
            case P2_FIRE -> (in2 & 0x10) != 0;
            case P2_LEFT -> (in2 & 0x20) != 0;
            case P2_RIGHT -> (in2 & 0x40) != 0;
        };
    }

    /** Releases every control. */
    public void releaseAll() {
        in0 = in1 = in2 = 0;
    }

    private static int set(int bits, int mask, boolean on) {
        return on ? bits | mask : bits & ~mask;
    }

    // --- ports -------------------------------------------------------------------------------------

    /**
     * IN 0: bit 3 always 1, bits 4-6 P1 fire/left/right, DIP bits 0-2 and 7 read 0.
     * IN 1: bit 0 coin (0 while inserted), bit 1 P2 start, bit 2 P1 start, bit 3 always 1, bits 4-6 P1
     * fire/left/right. IN 2: bits 0-1 lives - 3, bit 2 tilt, bit 3 bonus at 1000, bits 4-6 P2
     * fire/left/right, bit 7 coin info hidden. IN 3: the shifter. Ports 4-7 mirror 0-3.
     */
    @Override
    public int in(int port) {
        return switch (port & 3) {
            case 0 -> 0x08 | in0;
            case 1 -> 0x08 | (in1 ^ 0x01);
            case 2 -> dipBits | in2;
            default -> (shift >>> (8 - shiftAmount)) & 0xFF;
        };
    }

    @Override
    public void out(int port, int value) {
        switch (port & 7) {
            case 2 -> shiftAmount = value & 7;
            case 3 -> {
                int rising = value & ~sound3 & 0xFF;
                rising3 |= rising;
                sound3 = value & 0xFF;
                if ((rising & 0x1F) != 0) {
                    edges(rising, SoundEvent.UFO, SoundEvent.SHOT, SoundEvent.PLAYER_DIES,
                            SoundEvent.INVADER_DIES, SoundEvent.EXTRA_LIFE);
                }
            }
            case 4 -> shift = (value & 0xFF) << 8 | shift >>> 8;
            case 5 -> {
                int rising = value & ~sound5 & 0xFF;
                rising5 |= rising;
                sound5 = value & 0xFF;
                if ((rising & 0x1F) != 0) {
                    edges(rising, SoundEvent.FLEET_1, SoundEvent.FLEET_2, SoundEvent.FLEET_3,
                            SoundEvent.FLEET_4, SoundEvent.UFO_HIT);
                }
            }
            case 6 -> {
                watchdogFrames = 0;
                watchdogWrites++;
            }
            default -> { }
        }
    }

    private void edges(int rising, SoundEvent... bitEvents) {
        for (int bit = 0; bit < bitEvents.length; bit++) {
            if ((rising & (1 << bit)) != 0) {
                if (eventCount < MAX_EVENTS) {
                    events[eventCount++] = bitEvents[bit];
                } else {
                    eventsDropped++;
                }
            }
        }
    }

    // --- shifter, sound, watchdog state --------------------------------------------------------------

    /** The shifter's 16-bit register (last byte written to OUT 4 in the high half). */
    public int shiftRegister() {
        return shift;
    }

    /** The shift amount last written to OUT 2 (0-7). */
    public int shiftAmount() {
        return shiftAmount;
    }

    /** The last byte written to OUT 3 (bit 5: amplifier enable). */
    public int soundPort3() {
        return sound3;
    }

    /** The last byte written to OUT 5 (bit 5: cocktail screen flip). */
    public int soundPort5() {
        return sound5;
    }

    /**
     * Sound events since the last {@link #drainSoundEvents()}, in the order the game started them
     * (an empty list when none; at most 64 are kept per drain, see {@link #soundEventsDropped()}).
     */
    public List<SoundEvent> drainSoundEvents() {
        if (eventCount == 0) {
            return List.of();
        }
        List<SoundEvent> out = List.of(Arrays.copyOf(events, eventCount));
        eventCount = 0;
        return out;
    }

    /**
     * The bits of OUT 3 (low byte) and OUT 5 (bits 8-15) that went from 0 to 1 since the last call, all
     * eight of each latch (the sound events cover bits 0-4); output like the sound events, not state.
     */
    public int drainLatchEdges() {
        int edges = rising3 | rising5 << 8;
        rising3 = 0;
        rising5 = 0;
        return edges;
    }

    /** Sound events not kept because more than 64 came between two drains (a runaway program). */
    public int soundEventsDropped() {
        return eventsDropped;
    }

    /** Frames ended since the last write to OUT 6 (the machine counts; MAME resets after 255). */
    public int watchdogFrames() {
        return watchdogFrames;
    }

    /** Writes to OUT 6 since power-on. */
    public long watchdogWrites() {
        return watchdogWrites;
    }

    /** Called by the machine at each frame end: one more frame without a watchdog write. */
    void frameEnded() {
        if (watchdogFrames < Integer.MAX_VALUE) {
            watchdogFrames++;
        }
    }

    /** The watchdog counter after a reset. */
    void resetWatchdog() {
        watchdogFrames = 0;
    }

    // --- export and import (checkpoints) ------------------------------------------------------------

    /**
     * Everything on the board besides memory and DIP switches that decides what the CPU reads next: the
     * shifter, the sound latches, the watchdog and the controls held. Sound events not yet drained are
     * not included (they are output, not state).
     *
     * @param held the controls pressed now
     */
    public record Devices(int shiftRegister, int shiftAmount, int soundPort3, int soundPort5, int watchdogFrames,
                          long watchdogWrites, java.util.Set<Input> held) {
        public Devices {
            if ((shiftRegister & ~0xFFFF) != 0 || (shiftAmount & ~7) != 0 || (soundPort3 & ~0xFF) != 0
                    || (soundPort5 & ~0xFF) != 0 || watchdogFrames < 0 || watchdogWrites < 0) {
                throw new IllegalArgumentException("board devices out of range: shift " + shiftRegister + ", amount "
                        + shiftAmount + ", sound " + soundPort3 + "/" + soundPort5 + ", watchdog " + watchdogFrames
                        + "/" + watchdogWrites);
            }
            held = java.util.Set.copyOf(held);
        }
    }

    /** The devices' state now (see {@link Devices}). */
    public Devices devices() {
        java.util.EnumSet<Input> held = java.util.EnumSet.noneOf(Input.class);
        for (Input input : Input.values()) {
            if (isDown(input)) {
                held.add(input);
            }
        }
        return new Devices(shift, shiftAmount, sound3, sound5, watchdogFrames, watchdogWrites, held);
    }

    /** Puts the devices back as {@link #devices()} described them (pending sound events are dropped). */
    public void restoreDevices(Devices d) {
        shift = d.shiftRegister();
        shiftAmount = d.shiftAmount();
        sound3 = d.soundPort3();
        sound5 = d.soundPort5();
        watchdogFrames = d.watchdogFrames();
        watchdogWrites = d.watchdogWrites();
        releaseAll();
        for (Input input : d.held()) {
            setInput(input, true);
        }
        eventCount = 0;
        rising3 = 0;
        rising5 = 0;
    }

    /** Puts RAM (0x2000-0x3FFF, and so its mirrors) back from a 64 KiB image or an 8 KiB RAM copy. */
    public void restoreRam(byte[] image) {
        int offset = switch (image.length) {
            case 0x10000 -> RAM_START;
            case RAM_END - RAM_START -> 0;
            default -> throw new IllegalArgumentException("a memory image is 65,536 bytes (or 8,192 of RAM), not "
                    + image.length);
        };
        for (int i = 0; i < RAM_END - RAM_START; i++) {
            write(RAM_START + i, image[offset + i]);
        }
    }
}
