package dev.invaders.i8080;

/**
 * The Intel 8080: registers, flags, interrupts, and every opcode's semantics in one switch case each
 * (sixteen switches, one per row of the opcode map: see {@link #execute(int)} for why).
 *
 * <p>Memory and I/O go through the pluggable {@link Memory} and {@link Ports}. Cycle counts come from
 * {@link OpcodeTable}. Flags live in one int laid out as PUSH PSW stores them (S Z 0 AC 0 P 1 CY), so
 * an arithmetic result's flags are one table lookup and two ORs.
 *
 * <p>Interrupts: {@link #interrupt(int)} offers one; it is accepted only when INTE is on and the
 * previous instruction was not EI (EI takes effect after the next instruction). Accepting clears INTE,
 * leaves HLT and executes the given RST. Not thread-safe: one thread drives one CPU.
 */
public final class Cpu implements Processor {
    private static final int S = CpuState.SIGN, Z = CpuState.ZERO, AC = CpuState.AUX_CARRY,
            P = CpuState.PARITY, CY = CpuState.CARRY;
    /** Sign, zero and parity flags of each byte value, with bit 1 (always 1) set. */
    private static final int[] SZP = new int[256];
    /** The flags INR and DCR set for each result (carry aside): SZP plus the aux carry rule. */
    private static final int[] INR_FLAGS = new int[256], DCR_FLAGS = new int[256];
    private static final int[] CYCLES = OpcodeTable.cycles();
    /** Conditional calls and returns take 6 more cycles when taken (17/11, 11/5): from the table. */
    private static final int CALL_RET_TAKEN_EXTRA = OpcodeTable.get(0xC4).cyclesTaken() - OpcodeTable.get(0xC4).cycles();

    static {
        for (int v = 0; v < 256; v++) {
            int f = v & S;
            if (v == 0) {
                f |= Z;
            }
            if ((Integer.bitCount(v) & 1) == 0) {
                f |= P;
            }
            SZP[v] = f | 0x02;
            INR_FLAGS[v] = SZP[v] | ((v & 0x0F) == 0 ? AC : 0);      // carry out of bit 3 of v - 1 + 1
            DCR_FLAGS[v] = SZP[v] | ((v & 0x0F) == 0x0F ? 0 : AC);   // no borrow from bit 4 of v + 1 - 1
        }
    }

    private final Memory mem;
    private final byte[] view;
    private final Ports io;

    private int a, b, c, d, e, h, l, sp, pc;
    private int f = 0x02;
    private boolean inte;
    private boolean eiShadow;
    private boolean halted;
    private boolean stopRequested;
    private long cycles;
    private long instructions;

    public Cpu(Memory memory, Ports ports) {
        this.mem = memory;
        this.view = memory.flatView();
        this.io = ports;
    }

    public Cpu(Memory memory) {
        this(memory, Ports.NONE);
    }

    // --- state --------------------------------------------------------------------------------------

    @Override
    public CpuState state() {
        return new CpuState(a, b, c, d, e, h, l, sp, pc, f, inte, halted, cycles);
    }

    @Override
    public void setState(CpuState s) {
        a = s.a(); b = s.b(); c = s.c(); d = s.d(); e = s.e(); h = s.h(); l = s.l();
        sp = s.sp(); pc = s.pc(); f = s.flags(); inte = s.inte(); halted = s.halted(); cycles = s.cycles();
        eiShadow = false;
    }

    public int pc() {
        return pc;
    }

    public void setPc(int address) {
        pc = address & 0xFFFF;
    }

    public int sp() {
        return sp;
    }

    public int a() {
        return a;
    }

    public int bc() {
        return b << 8 | c;
    }

    public int de() {
        return d << 8 | e;
    }

    public int hl() {
        return h << 8 | l;
    }

    public int flags() {
        return f;
    }

    public boolean interruptsEnabled() {
        return inte;
    }

    public boolean halted() {
        return halted;
    }

    @Override
    public long cycles() {
        return cycles;
    }

    @Override
    public long instructions() {
        return instructions;
    }

    public Memory memory() {
        return mem;
    }

    // --- interrupts ---------------------------------------------------------------------------------

    /** True when an interrupt offered now would be accepted: INTE on and not just after EI. */
    @Override
    public boolean acceptsInterrupt() {
        return inte && !eiShadow;
    }

    /**
     * Offers an interrupt whose data-bus instruction is {@code RST n} (0xC7, 0xCF, ... 0xFF). Returns whether
     * it was accepted; an accepted interrupt clears INTE, leaves HLT and runs the RST, which pushes the
     * address of the instruction that would have run next. 11 cycles.
     */
    @Override
    public boolean interrupt(int opcode) {
        Processor.requireRst(opcode);
        if (!acceptsInterrupt()) {
            return false;
        }
        inte = false;
        halted = false;
        instructions++;
        cycles += CYCLES[opcode];
        push(pc);
        pc = opcode & 0x38;
        return true;
    }

    // --- execution ----------------------------------------------------------------------------------

    /**
     * Executes one instruction and returns its cycles. While halted, no instruction runs and 4 cycles pass.
     */
    @Override
    public int step() {
        // The same as run(1, 1), without its loop and budget bookkeeping: callers that step one instruction
        // at a time (a machine waiting out the EI shadow, the tests, a CPU driven from outside) stay fast.
        if (halted) {
            cycles += 4;
            return 4;
        }
        long before = cycles;
        int op = rd(pc);
        pc = (pc + 1) & 0xFFFF;
        instructions++;
        cycles += CYCLES[op];
        execute(op);
        eiShadow = op == 0xFB;
        return (int) (cycles - before);
    }

    /** Runs until at least {@code budget} cycles have passed; returns the cycles run. See {@link #run(long, long)}. */
    @Override
    public long run(long budget) {
        return run(budget, Long.MAX_VALUE);
    }

    /** Asks a running {@link #run(long, long)} to return after the current instruction (for I/O devices). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Reads a byte: from the memory's flat view when it offers one, else through the bus. */
    private int rd(int address) {
        byte[] v = view;
        return v != null ? v[address] & 0xFF : mem.read(address);
    }

    private int imm8() {
        int v = rd(pc);
        pc = (pc + 1) & 0xFFFF;
        return v;
    }

    private int imm16() {
        int v = read16(pc);
        pc = (pc + 2) & 0xFFFF;
        return v;
    }

    private int read16(int address) {
        return rd(address) | rd((address + 1) & 0xFFFF) << 8;
    }

    private void write16(int address, int value) {
        mem.write(address, value & 0xFF);
        mem.write((address + 1) & 0xFFFF, value >>> 8);
    }

    private void push(int value) {
        sp = (sp - 2) & 0xFFFF;
        write16(sp, value);
    }

    private int pop() {
        int v = read16(sp);
        sp = (sp + 2) & 0xFFFF;
        return v;
    }

    private int m() {
        return rd(h << 8 | l);
    }

    private void setM(int v) {
        mem.write(h << 8 | l, v);
    }

    // ALU: each sets A (except cmp) and all five flags.
    private void add(int v) {
        int r = a + v;
        f = SZP[r & 0xFF] | (r >>> 8) | ((a ^ v ^ r) & AC);
        a = r & 0xFF;
    }

    private void adc(int v) {
        int r = a + v + (f & CY);
        f = SZP[r & 0xFF] | (r >>> 8) | ((a ^ v ^ r) & AC);
        a = r & 0xFF;
    }

    private int subFlags(int v, int borrow) {
        int r = a - v - borrow;
        // Carry is the borrow; aux carry is the carry out of bit 3 of A + ~v + (1 - borrow).
        f = SZP[r & 0xFF] | ((r >>> 8) & CY) | (~(a ^ v ^ r) & AC);
        return r & 0xFF;
    }

    private void ana(int v) {
        int r = a & v;
        f = SZP[r] | (((a | v) & 0x08) << 1);
        a = r;
    }

    private void xra(int v) {
        a ^= v;
        f = SZP[a];
    }

    private void ora(int v) {
        a |= v;
        f = SZP[a];
    }

    private int inr(int v) {
        int r = (v + 1) & 0xFF;
        f = (f & CY) | INR_FLAGS[r];
        return r;
    }

    private int dcr(int v) {
        int r = (v - 1) & 0xFF;
        f = (f & CY) | DCR_FLAGS[r];
        return r;
    }

    private void dad(int v) {
        int r = (h << 8 | l) + v;
        f = (f & ~CY) | (r >>> 16);
        h = (r >>> 8) & 0xFF;
        l = r & 0xFF;
    }

    private void daa() {
        int correction = 0;
        int carry = f & CY;
        int lo = a & 0x0F;
        if ((f & AC) != 0 || lo > 9) {
            correction = 0x06;
        }
        if (carry != 0 || a > 0x99) {
            correction |= 0x60;
            carry = CY;
        }
        int r = a + correction;
        f = SZP[r & 0xFF] | carry | ((a ^ correction ^ r) & AC);
        a = r & 0xFF;
    }

    private void setBC(int v) {
        b = (v >>> 8) & 0xFF;
        c = v & 0xFF;
    }

    private void setDE(int v) {
        d = (v >>> 8) & 0xFF;
        e = v & 0xFF;
    }

    private void setHL(int v) {
        h = (v >>> 8) & 0xFF;
        l = v & 0xFF;
    }

    /** POP PSW: the flags' fixed bits (3 and 5 clear, 1 set) whatever the stack held. */
    private void popPsw() {
        int v = pop();
        f = (v & 0xD5) | 0x02;
        a = v >>> 8;
    }

    /** RLC: A rotated left; bit 7 goes to bit 0 and to the carry. */
    private void rlc() {
        f = (f & ~CY) | (a >>> 7);
        a = ((a << 1) | (a >>> 7)) & 0xFF;
    }

    /** RRC: A rotated right; bit 0 goes to bit 7 and to the carry. */
    private void rrc() {
        f = (f & ~CY) | (a & 1);
        a = ((a >>> 1) | (a << 7)) & 0xFF;
    }

    /** RAL: A rotated left through the carry. */
    private void ral() {
        int cy = f & CY;
        f = (f & ~CY) | (a >>> 7);
        a = ((a << 1) | cy) & 0xFF;
    }

    /** RAR: A rotated right through the carry. */
    private void rar() {
        int cy = f & CY;
        f = (f & ~CY) | (a & 1);
        a = (a >>> 1) | (cy << 7);
    }

    /** XCHG: exchanges HL with DE. */
    private void xchg() {
        int t = d;
        d = h;
        h = t;
        t = e;
        e = l;
        l = t;
    }

    /** HLT: halts until an interrupt, and ends the current run. */
    private void hlt() {
        halted = true;
        stopRequested = true;
    }

    /** EI: interrupts enabled, and none accepted before the next instruction has run (the EI shadow). */
    private void ei() {
        inte = true;
        eiShadow = true;
    }

    private void jump(boolean condition) {
        int target = imm16();
        if (condition) {
            pc = target;
        }
    }

    /** CALL (and its undocumented copies): no extra cycles, unlike a conditional call taken. */
    private void call() {
        int target = imm16();
        push(pc);
        pc = target;
    }

    private void call(boolean condition) {
        int target = imm16();
        if (condition) {
            push(pc);
            pc = target;
            cycles += CALL_RET_TAKEN_EXTRA;
        }
    }

    private void ret(boolean condition) {
        if (condition) {
            pc = pop();
            cycles += CALL_RET_TAKEN_EXTRA;
        }
    }

    private void rst(int n) {
        push(pc);
        pc = n << 3;
    }

    /** XTHL: exchanges HL with the two bytes on top of the stack (L with (SP), H with (SP+1)). */
    private void xthl() {
        int lo = rd(sp);
        int hi = rd((sp + 1) & 0xFFFF);
        mem.write(sp, l);
        mem.write((sp + 1) & 0xFFFF, h);
        l = lo;
        h = hi;
    }

    private boolean nz() {
        return (f & Z) == 0;
    }

    private boolean nc() {
        return (f & CY) == 0;
    }

    private boolean po() {
        return (f & P) == 0;
    }

    private boolean plus() {
        return (f & S) == 0;
    }

    /**
     * The interpreter: runs instructions until {@code maxCycles} cycles or {@code maxInstructions}
     * instructions have run, or an I/O device calls {@link #requestStop()}; returns the cycles run.
     * While halted, time passes in steps of 4 cycles up to {@code maxCycles}, or the call returns at once
     * when that is {@code Long.MAX_VALUE}. {@link #instructions()} is brought up to date on return.
     */
    public long run(long maxCycles, long maxInstructions) {
        final long start = cycles;
        final long end = maxCycles >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + maxCycles;
        long left = maxInstructions;
        int op = -1;
        // HLT and I/O devices end the loop through stopRequested, so it is the only flag tested per instruction.
        stopRequested = halted;
        while (!stopRequested && cycles < end && left > 0) {
            op = rd(pc);
            pc = (pc + 1) & 0xFFFF;
            left--;
            cycles += CYCLES[op];
            execute(op);
        }
        stopRequested = false;
        long executed = maxInstructions - left;
        instructions += executed;
        if (executed > 0) {
            eiShadow = op == 0xFB;
        }
        if (halted && end != Long.MAX_VALUE && cycles < end) {
            cycles += (end - cycles + 3) & ~3L; // halted: time passes in 4-cycle steps to the budget
        }
        return cycles - start;
    }

    /**
     * Runs one opcode (already fetched and its base cycles counted) through the method for its row of the
     * opcode map (the high nibble): sixteen switches of 16 cases rather than one of 256 or four of 64.
     * Why: C2 computes every expression that two cases of a switch share (field loads, {@code sp + 1},
     * {@code pc + 2}, ...) once, before the jump, so every opcode pays for work its neighbours need; in a
     * 64-case method that prologue is dozens of instructions and spills. A 256-case method also runs out
     * of inlining budget. Rows of 16 measured fastest on 8080EXM (vs. 4, 8, 32 or 64 groups).
     */
    private void execute(int op) {
        switch (op >>> 4) {
            case 0x0 -> row0(op);
            case 0x1 -> row1(op);
            case 0x2 -> row2(op);
            case 0x3 -> row3(op);
            case 0x4 -> row4(op);
            case 0x5 -> row5(op);
            case 0x6 -> row6(op);
            case 0x7 -> row7(op);
            case 0x8 -> row8(op);
            case 0x9 -> row9(op);
            case 0xA -> rowA(op);
            case 0xB -> rowB(op);
            case 0xC -> rowC(op);
            case 0xD -> rowD(op);
            case 0xE -> rowE(op);
            default -> rowF(op);
        }
    }

    /** Opcodes 0x00-0x0F: NOP, LXI/STAX/INX/INR/DCR/MVI B, RLC, DAD/LDAX/DCX B, INR/DCR/MVI C, RRC. */
    private void row0(int op) {
        switch (op) {
            case 0x00, 0x08 -> { } // NOP (08: undocumented)
            case 0x01 -> setBC(imm16()); // LXI B,d16
            case 0x02 -> mem.write(b << 8 | c, a); // STAX B
            case 0x03 -> setBC(bc() + 1); // INX B
            case 0x04 -> b = inr(b); // INR B
            case 0x05 -> b = dcr(b); // DCR B
            case 0x06 -> b = imm8(); // MVI B,d8
            case 0x07 -> rlc(); // RLC
            case 0x09 -> dad(b << 8 | c); // DAD B
            case 0x0A -> a = rd(b << 8 | c); // LDAX B
            case 0x0B -> setBC(bc() - 1); // DCX B
            case 0x0C -> c = inr(c); // INR C
            case 0x0D -> c = dcr(c); // DCR C
            case 0x0E -> c = imm8(); // MVI C,d8
            case 0x0F -> rrc(); // RRC
            default -> throw new AssertionError("not in row 0: " + op);
        }
    }

    /** Opcodes 0x10-0x1F: LXI/STAX/INX/INR/DCR/MVI D, RAL, DAD/LDAX/DCX D, INR/DCR/MVI E, RAR. */
    private void row1(int op) {
        switch (op) {
            case 0x10, 0x18 -> { } // NOP (10, 18: undocumented)
            case 0x11 -> setDE(imm16()); // LXI D,d16
            case 0x12 -> mem.write(d << 8 | e, a); // STAX D
            case 0x13 -> setDE(de() + 1); // INX D
            case 0x14 -> d = inr(d); // INR D
            case 0x15 -> d = dcr(d); // DCR D
            case 0x16 -> d = imm8(); // MVI D,d8
            case 0x17 -> ral(); // RAL
            case 0x19 -> dad(d << 8 | e); // DAD D
            case 0x1A -> a = rd(d << 8 | e); // LDAX D
            case 0x1B -> setDE(de() - 1); // DCX D
            case 0x1C -> e = inr(e); // INR E
            case 0x1D -> e = dcr(e); // DCR E
            case 0x1E -> e = imm8(); // MVI E,d8
            case 0x1F -> rar(); // RAR
            default -> throw new AssertionError("not in row 1: " + op);
        }
    }

    /** Opcodes 0x20-0x2F: LXI/SHLD/INX/INR/DCR/MVI H, DAA, DAD/LHLD/DCX H, INR/DCR/MVI L, CMA. */
    private void row2(int op) {
        switch (op) {
            case 0x20, 0x28 -> { } // NOP (20, 28: undocumented)
            case 0x21 -> setHL(imm16()); // LXI H,d16
            case 0x22 -> write16(imm16(), hl()); // SHLD a16
            case 0x23 -> setHL(hl() + 1); // INX H
            case 0x24 -> h = inr(h); // INR H
            case 0x25 -> h = dcr(h); // DCR H
            case 0x26 -> h = imm8(); // MVI H,d8
            case 0x27 -> daa(); // DAA
            case 0x29 -> dad(h << 8 | l); // DAD H
            case 0x2A -> setHL(read16(imm16())); // LHLD a16
            case 0x2B -> setHL(hl() - 1); // DCX H
            case 0x2C -> l = inr(l); // INR L
            case 0x2D -> l = dcr(l); // DCR L
            case 0x2E -> l = imm8(); // MVI L,d8
            case 0x2F -> a = ~a & 0xFF; // CMA
            default -> throw new AssertionError("not in row 2: " + op);
        }
    }

    /** Opcodes 0x30-0x3F: LXI/STA/INX SP, INR/DCR/MVI M, STC, DAD/LDA/DCX SP, INR/DCR/MVI A, CMC. */
    private void row3(int op) {
        switch (op) {
            case 0x30, 0x38 -> { } // NOP (30, 38: undocumented)
            case 0x31 -> sp = imm16(); // LXI SP,d16
            case 0x32 -> mem.write(imm16(), a); // STA a16
            case 0x33 -> sp = (sp + 1) & 0xFFFF; // INX SP
            case 0x34 -> setM(inr(m())); // INR M
            case 0x35 -> setM(dcr(m())); // DCR M
            case 0x36 -> setM(imm8()); // MVI M,d8
            case 0x37 -> f |= CY; // STC
            case 0x39 -> dad(sp); // DAD SP
            case 0x3A -> a = rd(imm16()); // LDA a16
            case 0x3B -> sp = (sp - 1) & 0xFFFF; // DCX SP
            case 0x3C -> a = inr(a); // INR A
            case 0x3D -> a = dcr(a); // DCR A
            case 0x3E -> a = imm8(); // MVI A,d8
            case 0x3F -> f ^= CY; // CMC
            default -> throw new AssertionError("not in row 3: " + op);
        }
    }

    /** Opcodes 0x40-0x4F: MOV B,r and MOV C,r. */
    private void row4(int op) {
        switch (op) {
            case 0x40 -> { } // MOV B,B
            case 0x41 -> b = c; // MOV B,C
            case 0x42 -> b = d; // MOV B,D
            case 0x43 -> b = e; // MOV B,E
            case 0x44 -> b = h; // MOV B,H
            case 0x45 -> b = l; // MOV B,L
            case 0x46 -> b = m(); // MOV B,M
            case 0x47 -> b = a; // MOV B,A
            case 0x48 -> c = b; // MOV C,B
            case 0x49 -> { } // MOV C,C
            case 0x4A -> c = d; // MOV C,D
            case 0x4B -> c = e; // MOV C,E
            case 0x4C -> c = h; // MOV C,H
            case 0x4D -> c = l; // MOV C,L
            case 0x4E -> c = m(); // MOV C,M
            case 0x4F -> c = a; // MOV C,A
            default -> throw new AssertionError("not in row 4: " + op);
        }
    }

    /** Opcodes 0x50-0x5F: MOV D,r and MOV E,r. */
    private void row5(int op) {
        switch (op) {
            case 0x50 -> d = b; // MOV D,B
            case 0x51 -> d = c; // MOV D,C
            case 0x52 -> { } // MOV D,D
            case 0x53 -> d = e; // MOV D,E
            case 0x54 -> d = h; // MOV D,H
            case 0x55 -> d = l; // MOV D,L
            case 0x56 -> d = m(); // MOV D,M
            case 0x57 -> d = a; // MOV D,A
            case 0x58 -> e = b; // MOV E,B
            case 0x59 -> e = c; // MOV E,C
            case 0x5A -> e = d; // MOV E,D
            case 0x5B -> { } // MOV E,E
            case 0x5C -> e = h; // MOV E,H
            case 0x5D -> e = l; // MOV E,L
            case 0x5E -> e = m(); // MOV E,M
            case 0x5F -> e = a; // MOV E,A
            default -> throw new AssertionError("not in row 5: " + op);
        }
    }

    /** Opcodes 0x60-0x6F: MOV H,r and MOV L,r. */
    private void row6(int op) {
        switch (op) {
            case 0x60 -> h = b; // MOV H,B
            case 0x61 -> h = c; // MOV H,C
            case 0x62 -> h = d; // MOV H,D
            case 0x63 -> h = e; // MOV H,E
            case 0x64 -> { } // MOV H,H
            case 0x65 -> h = l; // MOV H,L
            case 0x66 -> h = m(); // MOV H,M
            case 0x67 -> h = a; // MOV H,A
            case 0x68 -> l = b; // MOV L,B
            case 0x69 -> l = c; // MOV L,C
            case 0x6A -> l = d; // MOV L,D
            case 0x6B -> l = e; // MOV L,E
            case 0x6C -> l = h; // MOV L,H
            case 0x6D -> { } // MOV L,L
            case 0x6E -> l = m(); // MOV L,M
            case 0x6F -> l = a; // MOV L,A
            default -> throw new AssertionError("not in row 6: " + op);
        }
    }

    /** Opcodes 0x70-0x7F: MOV M,r, HLT and MOV A,r. */
    private void row7(int op) {
        switch (op) {
            case 0x70 -> setM(b); // MOV M,B
            case 0x71 -> setM(c); // MOV M,C
            case 0x72 -> setM(d); // MOV M,D
            case 0x73 -> setM(e); // MOV M,E
            case 0x74 -> setM(h); // MOV M,H
            case 0x75 -> setM(l); // MOV M,L
            case 0x76 -> hlt(); // HLT
            case 0x77 -> setM(a); // MOV M,A
            case 0x78 -> a = b; // MOV A,B
            case 0x79 -> a = c; // MOV A,C
            case 0x7A -> a = d; // MOV A,D
            case 0x7B -> a = e; // MOV A,E
            case 0x7C -> a = h; // MOV A,H
            case 0x7D -> a = l; // MOV A,L
            case 0x7E -> a = m(); // MOV A,M
            case 0x7F -> { } // MOV A,A
            default -> throw new AssertionError("not in row 7: " + op);
        }
    }

    /** Opcodes 0x80-0x8F: ADD r and ADC r. */
    private void row8(int op) {
        switch (op) {
            case 0x80 -> add(b); // ADD B
            case 0x81 -> add(c); // ADD C
            case 0x82 -> add(d); // ADD D
            case 0x83 -> add(e); // ADD E
            case 0x84 -> add(h); // ADD H
            case 0x85 -> add(l); // ADD L
            case 0x86 -> add(m()); // ADD M
            case 0x87 -> add(a); // ADD A
            case 0x88 -> adc(b); // ADC B
            case 0x89 -> adc(c); // ADC C
            case 0x8A -> adc(d); // ADC D
            case 0x8B -> adc(e); // ADC E
            case 0x8C -> adc(h); // ADC H
            case 0x8D -> adc(l); // ADC L
            case 0x8E -> adc(m()); // ADC M
            case 0x8F -> adc(a); // ADC A
            default -> throw new AssertionError("not in row 8: " + op);
        }
    }

    /** Opcodes 0x90-0x9F: SUB r and SBB r. */
    private void row9(int op) {
        switch (op) {
            case 0x90 -> a = subFlags(b, 0); // SUB B
            case 0x91 -> a = subFlags(c, 0); // SUB C
            case 0x92 -> a = subFlags(d, 0); // SUB D
            case 0x93 -> a = subFlags(e, 0); // SUB E
            case 0x94 -> a = subFlags(h, 0); // SUB H
            case 0x95 -> a = subFlags(l, 0); // SUB L
            case 0x96 -> a = subFlags(m(), 0); // SUB M
            case 0x97 -> a = subFlags(a, 0); // SUB A
            case 0x98 -> a = subFlags(b, f & CY); // SBB B
            case 0x99 -> a = subFlags(c, f & CY); // SBB C
            case 0x9A -> a = subFlags(d, f & CY); // SBB D
            case 0x9B -> a = subFlags(e, f & CY); // SBB E
            case 0x9C -> a = subFlags(h, f & CY); // SBB H
            case 0x9D -> a = subFlags(l, f & CY); // SBB L
            case 0x9E -> a = subFlags(m(), f & CY); // SBB M
            case 0x9F -> a = subFlags(a, f & CY); // SBB A
            default -> throw new AssertionError("not in row 9: " + op);
        }
    }

    /** Opcodes 0xA0-0xAF: ANA r and XRA r. */
    private void rowA(int op) {
        switch (op) {
            case 0xA0 -> ana(b); // ANA B
            case 0xA1 -> ana(c); // ANA C
            case 0xA2 -> ana(d); // ANA D
            case 0xA3 -> ana(e); // ANA E
            case 0xA4 -> ana(h); // ANA H
            case 0xA5 -> ana(l); // ANA L
            case 0xA6 -> ana(m()); // ANA M
            case 0xA7 -> ana(a); // ANA A
            case 0xA8 -> xra(b); // XRA B
            case 0xA9 -> xra(c); // XRA C
            case 0xAA -> xra(d); // XRA D
            case 0xAB -> xra(e); // XRA E
            case 0xAC -> xra(h); // XRA H
            case 0xAD -> xra(l); // XRA L
            case 0xAE -> xra(m()); // XRA M
            case 0xAF -> xra(a); // XRA A
            default -> throw new AssertionError("not in row A: " + op);
        }
    }

    /** Opcodes 0xB0-0xBF: ORA r and CMP r. */
    private void rowB(int op) {
        switch (op) {
            case 0xB0 -> ora(b); // ORA B
            case 0xB1 -> ora(c); // ORA C
            case 0xB2 -> ora(d); // ORA D
            case 0xB3 -> ora(e); // ORA E
            case 0xB4 -> ora(h); // ORA H
            case 0xB5 -> ora(l); // ORA L
            case 0xB6 -> ora(m()); // ORA M
            case 0xB7 -> ora(a); // ORA A
            case 0xB8 -> subFlags(b, 0); // CMP B
            case 0xB9 -> subFlags(c, 0); // CMP C
            case 0xBA -> subFlags(d, 0); // CMP D
            case 0xBB -> subFlags(e, 0); // CMP E
            case 0xBC -> subFlags(h, 0); // CMP H
            case 0xBD -> subFlags(l, 0); // CMP L
            case 0xBE -> subFlags(m(), 0); // CMP M
            case 0xBF -> subFlags(a, 0); // CMP A
            default -> throw new AssertionError("not in row B: " + op);
        }
    }

    /** Opcodes 0xC0-0xCF: RNZ, POP B, JNZ, JMP, CNZ, PUSH B, ADI, RST 0, RZ, RET, JZ, CZ, CALL, ACI, RST 1. */
    private void rowC(int op) {
        switch (op) {
            case 0xC0 -> ret(nz()); // RNZ
            case 0xC1 -> setBC(pop()); // POP B
            case 0xC2 -> jump(nz()); // JNZ a16
            case 0xC3, 0xCB -> pc = imm16(); // JMP a16 (CB: undocumented)
            case 0xC4 -> call(nz()); // CNZ a16
            case 0xC5 -> push(b << 8 | c); // PUSH B
            case 0xC6 -> add(imm8()); // ADI d8
            case 0xC7, 0xCF -> rst((op >>> 3) & 7); // RST 0 / RST 1
            case 0xC8 -> ret(!nz()); // RZ
            case 0xC9 -> pc = pop(); // RET
            case 0xCA -> jump(!nz()); // JZ a16
            case 0xCC -> call(!nz()); // CZ a16
            case 0xCD -> call(); // CALL a16
            case 0xCE -> adc(imm8()); // ACI d8
            default -> throw new AssertionError("not in row C: " + op);
        }
    }

    /** Opcodes 0xD0-0xDF: RNC, POP D, JNC, OUT, CNC, PUSH D, SUI, RST 2, RC, JC, IN, CC, SBI, RST 3. */
    private void rowD(int op) {
        switch (op) {
            case 0xD0 -> ret(nc()); // RNC
            case 0xD1 -> setDE(pop()); // POP D
            case 0xD2 -> jump(nc()); // JNC a16
            case 0xD3 -> io.out(imm8(), a); // OUT d8
            case 0xD4 -> call(nc()); // CNC a16
            case 0xD5 -> push(d << 8 | e); // PUSH D
            case 0xD6 -> a = subFlags(imm8(), 0); // SUI d8
            case 0xD7, 0xDF -> rst((op >>> 3) & 7); // RST 2 / RST 3
            case 0xD8 -> ret(!nc()); // RC
            case 0xD9 -> pc = pop(); // RET (undocumented)
            case 0xDA -> jump(!nc()); // JC a16
            case 0xDB -> a = io.in(imm8()) & 0xFF; // IN d8
            case 0xDC -> call(!nc()); // CC a16
            case 0xDD -> call(); // CALL a16 (undocumented)
            case 0xDE -> a = subFlags(imm8(), f & CY); // SBI d8
            default -> throw new AssertionError("not in row D: " + op);
        }
    }

    /** Opcodes 0xE0-0xEF: RPO, POP H, JPO, XTHL, CPO, PUSH H, ANI, RST 4, RPE, PCHL, JPE, XCHG, CPE, XRI, RST 5. */
    private void rowE(int op) {
        switch (op) {
            case 0xE0 -> ret(po()); // RPO
            case 0xE1 -> setHL(pop()); // POP H
            case 0xE2 -> jump(po()); // JPO a16
            case 0xE3 -> xthl(); // XTHL
            case 0xE4 -> call(po()); // CPO a16
            case 0xE5 -> push(h << 8 | l); // PUSH H
            case 0xE6 -> ana(imm8()); // ANI d8
            case 0xE7, 0xEF -> rst((op >>> 3) & 7); // RST 4 / RST 5
            case 0xE8 -> ret(!po()); // RPE
            case 0xE9 -> pc = h << 8 | l; // PCHL
            case 0xEA -> jump(!po()); // JPE a16
            case 0xEB -> xchg(); // XCHG
            case 0xEC -> call(!po()); // CPE a16
            case 0xED -> call(); // CALL a16 (undocumented)
            case 0xEE -> xra(imm8()); // XRI d8
            default -> throw new AssertionError("not in row E: " + op);
        }
    }

    /** Opcodes 0xF0-0xFF: RP, POP PSW, JP, DI, CP, PUSH PSW, ORI, RST 6, RM, SPHL, JM, EI, CM, CPI, RST 7. */
    private void rowF(int op) {
        switch (op) {
            case 0xF0 -> ret(plus()); // RP
            case 0xF1 -> popPsw(); // POP PSW
            case 0xF2 -> jump(plus()); // JP a16
            case 0xF3 -> inte = false; // DI
            case 0xF4 -> call(plus()); // CP a16
            case 0xF5 -> push(a << 8 | f); // PUSH PSW
            case 0xF6 -> ora(imm8()); // ORI d8
            case 0xF7, 0xFF -> rst((op >>> 3) & 7); // RST 6 / RST 7
            case 0xF8 -> ret(!plus()); // RM
            case 0xF9 -> sp = h << 8 | l; // SPHL
            case 0xFA -> jump(!plus()); // JM a16
            case 0xFB -> ei(); // EI
            case 0xFC -> call(!plus()); // CM a16
            case 0xFD -> call(); // CALL a16 (undocumented)
            case 0xFE -> subFlags(imm8(), 0); // CPI d8
            default -> throw new AssertionError("not in row F: " + op);
        }
    }
}
