package dev.invaders.i8080;

/**
 * The 8080's registers and the operations its instructions are made of: memory and stack access, the
 * ALU and its flags, rotations, jumps, calls and returns. {@link InstructionSet} maps every opcode onto
 * these and {@link Cpu} is the public face; the three are one CPU split for reading only (sealed, with
 * one final class at the bottom, so every call here is bound statically and inlined as before).
 *
 * <p>Flags live in one int laid out as PUSH PSW stores them (S Z 0 AC 0 P 1 CY), so an arithmetic
 * result's flags are one table lookup and two ORs.
 */
abstract sealed class CpuCore permits InstructionSet {
    static final int S = CpuState.SIGN, Z = CpuState.ZERO, AC = CpuState.AUX_CARRY,
            P = CpuState.PARITY, CY = CpuState.CARRY;
    /** Sign, zero and parity flags of each byte value, with bit 1 (always 1) set. */
    private static final int[] SZP = new int[256];
    /** The flags INR and DCR set for each result (carry aside): SZP plus the aux carry rule. */
    private static final int[] INR_FLAGS = new int[256], DCR_FLAGS = new int[256];
    static final int[] CYCLES = OpcodeTable.cycles();
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


    final Memory mem;
    final byte[] view;
    final Ports io;

    int a, b, c, d, e, h, l, sp, pc;
    int f = 0x02;
    boolean inte;
    /** The instruction just run was EI: no interrupt is accepted before the next one has run. */
    boolean eiShadow;
    boolean halted;
    /** Ends {@link Cpu#run(long, long)} after the current instruction (HLT, I/O devices). */
    boolean stopRequested;
    long cycles;
    long instructions;

    CpuCore(Memory memory, Ports ports) {
        this.mem = memory;
        this.view = memory.flatView();
        this.io = ports;
    }

    /** Reads a byte: from the memory's flat view when it offers one, else through the bus. */
    final int rd(int address) {
        byte[] v = view;
        return v != null ? v[address] & 0xFF : mem.read(address);
    }

    final int imm8() {
        int v = rd(pc);
        pc = (pc + 1) & 0xFFFF;
        return v;
    }

    final int imm16() {
        int v = read16(pc);
        pc = (pc + 2) & 0xFFFF;
        return v;
    }

    final int read16(int address) {
        return rd(address) | rd((address + 1) & 0xFFFF) << 8;
    }

    final void write16(int address, int value) {
        mem.write(address, value & 0xFF);
        mem.write((address + 1) & 0xFFFF, value >>> 8);
    }

    final void push(int value) {
        sp = (sp - 2) & 0xFFFF;
        write16(sp, value);
    }

    final int pop() {
        int v = read16(sp);
        sp = (sp + 2) & 0xFFFF;
        return v;
    }

    final int m() {
        return rd(h << 8 | l);
    }

    final void setM(int v) {
        mem.write(h << 8 | l, v);
    }

    // ALU: each sets A (except cmp) and all five flags.
    final void add(int v) {
        int r = a + v;
        f = SZP[r & 0xFF] | (r >>> 8) | ((a ^ v ^ r) & AC);
        a = r & 0xFF;
    }

    final void adc(int v) {
        int r = a + v + (f & CY);
        f = SZP[r & 0xFF] | (r >>> 8) | ((a ^ v ^ r) & AC);
        a = r & 0xFF;
    }

    final int subFlags(int v, int borrow) {
        int r = a - v - borrow;
        // Carry is the borrow; aux carry is the carry out of bit 3 of A + ~v + (1 - borrow).
        f = SZP[r & 0xFF] | ((r >>> 8) & CY) | (~(a ^ v ^ r) & AC);
        return r & 0xFF;
    }

    final void ana(int v) {
        int r = a & v;
        f = SZP[r] | (((a | v) & 0x08) << 1);
        a = r;
    }

    final void xra(int v) {
        a ^= v;
        f = SZP[a];
    }

    final void ora(int v) {
        a |= v;
        f = SZP[a];
    }

    final int inr(int v) {
        int r = (v + 1) & 0xFF;
        f = (f & CY) | INR_FLAGS[r];
        return r;
    }

    final int dcr(int v) {
        int r = (v - 1) & 0xFF;
        f = (f & CY) | DCR_FLAGS[r];
        return r;
    }

    final void dad(int v) {
        int r = (h << 8 | l) + v;
        f = (f & ~CY) | (r >>> 16);
        h = (r >>> 8) & 0xFF;
        l = r & 0xFF;
    }

    final void daa() {
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

    final void setBC(int v) {
        b = (v >>> 8) & 0xFF;
        c = v & 0xFF;
    }

    final void setDE(int v) {
        d = (v >>> 8) & 0xFF;
        e = v & 0xFF;
    }

    final void setHL(int v) {
        h = (v >>> 8) & 0xFF;
        l = v & 0xFF;
    }

    /** POP PSW: the flags' fixed bits (3 and 5 clear, 1 set) whatever the stack held. */
    final void popPsw() {
        int v = pop();
        f = (v & 0xD5) | 0x02;
        a = v >>> 8;
    }

    /** RLC: A rotated left; bit 7 goes to bit 0 and to the carry. */
    final void rlc() {
        f = (f & ~CY) | (a >>> 7);
        a = ((a << 1) | (a >>> 7)) & 0xFF;
    }

    /** RRC: A rotated right; bit 0 goes to bit 7 and to the carry. */
    final void rrc() {
        f = (f & ~CY) | (a & 1);
        a = ((a >>> 1) | (a << 7)) & 0xFF;
    }

    /** RAL: A rotated left through the carry. */
    final void ral() {
        int cy = f & CY;
        f = (f & ~CY) | (a >>> 7);
        a = ((a << 1) | cy) & 0xFF;
    }

    /** RAR: A rotated right through the carry. */
    final void rar() {
        int cy = f & CY;
        f = (f & ~CY) | (a & 1);
        a = (a >>> 1) | (cy << 7);
    }

    /** XCHG: exchanges HL with DE. */
    final void xchg() {
        int t = d;
        d = h;
        h = t;
        t = e;
        e = l;
        l = t;
    }

    /** HLT: halts until an interrupt, and ends the current run. */
    final void hlt() {
        halted = true;
        stopRequested = true;
    }

    /** EI: interrupts enabled, and none accepted before the next instruction has run (the EI shadow). */
    final void ei() {
        inte = true;
        eiShadow = true;
    }

    final void jump(boolean condition) {
        int target = imm16();
        if (condition) {
            pc = target;
        }
    }

    /** CALL (and its undocumented copies): no extra cycles, unlike a conditional call taken. */
    final void call() {
        int target = imm16();
        push(pc);
        pc = target;
    }

    final void call(boolean condition) {
        int target = imm16();
        if (condition) {
            push(pc);
            pc = target;
            cycles += CALL_RET_TAKEN_EXTRA;
        }
    }

    final void ret(boolean condition) {
        if (condition) {
            pc = pop();
            cycles += CALL_RET_TAKEN_EXTRA;
        }
    }

    final void rst(int n) {
        push(pc);
        pc = n << 3;
    }

    /** XTHL: exchanges HL with the two bytes on top of the stack (L with (SP), H with (SP+1)). */
    final void xthl() {
        int lo = rd(sp);
        int hi = rd((sp + 1) & 0xFFFF);
        mem.write(sp, l);
        mem.write((sp + 1) & 0xFFFF, h);
        l = lo;
        h = hi;
    }

    final boolean nz() {
        return (f & Z) == 0;
    }

    final boolean nc() {
        return (f & CY) == 0;
    }

    final boolean po() {
        return (f & P) == 0;
    }

    final boolean plus() {
        return (f & S) == 0;
    }
}
