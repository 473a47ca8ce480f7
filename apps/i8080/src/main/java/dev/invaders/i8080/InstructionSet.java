package dev.invaders.i8080;

/**
 * Every opcode's semantics, one switch case each with its mnemonic, in sixteen switches: one per row of
 * the opcode map (see {@link #execute(int)} for why). The operations are {@link CpuCore}'s.
 */
abstract sealed class InstructionSet extends CpuCore permits Cpu {
    InstructionSet(Memory memory, Ports ports) {
        super(memory, ports);
    }

    /**
     * Runs one opcode (already fetched and its base cycles counted) through the method for its row of the
     * opcode map (the high nibble): sixteen switches of 16 cases rather than one of 256 or four of 64.
     * Why: C2 computes every expression that two cases of a switch share (field loads, {@code sp + 1},
     * {@code pc + 2}, ...) once, before the jump, so every opcode pays for work its neighbours need; in a
     * 64-case method that prologue is dozens of instructions and spills. A 256-case method also runs out
     * of inlining budget. Rows of 16 measured fastest on 8080EXM (vs. 4, 8, 32 or 64 groups).
     */
    final void execute(int op) {
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
            case 0x03 -> setBC((b << 8 | c) + 1); // INX B
            case 0x04 -> b = inr(b); // INR B
            case 0x05 -> b = dcr(b); // DCR B
            case 0x06 -> b = imm8(); // MVI B,d8
            case 0x07 -> rlc(); // RLC
            case 0x09 -> dad(b << 8 | c); // DAD B
            case 0x0A -> a = rd(b << 8 | c); // LDAX B
            case 0x0B -> setBC((b << 8 | c) - 1); // DCX B
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
            case 0x13 -> setDE((d << 8 | e) + 1); // INX D
            case 0x14 -> d = inr(d); // INR D
            case 0x15 -> d = dcr(d); // DCR D
            case 0x16 -> d = imm8(); // MVI D,d8
            case 0x17 -> ral(); // RAL
            case 0x19 -> dad(d << 8 | e); // DAD D
            case 0x1A -> a = rd(d << 8 | e); // LDAX D
            case 0x1B -> setDE((d << 8 | e) - 1); // DCX D
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
            case 0x22 -> write16(imm16(), h << 8 | l); // SHLD a16
            case 0x23 -> setHL((h << 8 | l) + 1); // INX H
            case 0x24 -> h = inr(h); // INR H
            case 0x25 -> h = dcr(h); // DCR H
            case 0x26 -> h = imm8(); // MVI H,d8
            case 0x27 -> daa(); // DAA
            case 0x29 -> dad(h << 8 | l); // DAD H
            case 0x2A -> setHL(read16(imm16())); // LHLD a16
            case 0x2B -> setHL((h << 8 | l) - 1); // DCX H
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
