package dev.invaders.i8080.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Assembling what the disassembler prints gives back the same bytes. */
class RoundTripTest {

    /** An instruction with operand bytes that exercise both halves and letter-leading hex digits. */
    static byte[] sample(Opcode op, int seed) {
        byte[] code = new byte[op.length()];
        code[0] = (byte) op.code();
        for (int i = 1; i < code.length; i++) {
            code[i] = (byte) (seed * 37 + i * 0xA5);
        }
        return code;
    }

    static String source(List<Disassembler.Line> lines, int origin) {
        return "ORG " + Disassembler.hex(origin, 4) + "\n"
                + lines.stream().map(l -> "  " + l.text()).collect(Collectors.joining("\n"));
    }

    @Test
    void everyDocumentedOpcodeOnItsOwn() {
        for (Opcode op : OpcodeTable.all()) {
            if (!op.documented()) {
                continue;
            }
            byte[] code = sample(op, op.code());
            String text = Disassembler.disassemble(code, 0).getFirst().text();
            assertArrayEquals(code, Assembler.assemble(text).bytes(), text);
        }
    }

    @Test
    void allDocumentedOpcodesAsOneProgram() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Opcode op : OpcodeTable.all()) {
            if (op.documented()) {
                out.writeBytes(sample(op, op.code() + 1));
            }
        }
        byte[] code = out.toByteArray();
        Program p = Assembler.assemble(source(Disassembler.disassemble(code, 0x100), 0x100));
        assertEquals(0x100, p.origin());
        assertArrayEquals(code, p.bytes());
    }

    @Test
    void undocumentedOpcodesReassembleToTheDocumentedTwin() {
        for (Opcode op : OpcodeTable.all()) {
            if (op.documented()) {
                continue;
            }
            byte[] code = sample(op, 7);
            byte[] again = Assembler.assemble(Disassembler.disassemble(code, 0).getFirst().text()).bytes();
            Opcode twin = OpcodeTable.get(again[0]);
            assertEquals(op.mnemonic(), twin.mnemonic());
            assertEquals(true, twin.documented());
            assertArrayEquals(java.util.Arrays.copyOfRange(code, 1, code.length),
                    java.util.Arrays.copyOfRange(again, 1, again.length));
        }
    }

    @Test
    void randomBytesSurviveDisassemblyIncludingTruncatedTails() {
        Random random = new Random(8080);
        for (int round = 0; round < 200; round++) {
            byte[] code = new byte[1 + random.nextInt(40)];
            random.nextBytes(code);
            // Undocumented opcodes reassemble to their twins, so replace them with NOP.
            for (int i = 0; i < code.length; ) {
                Opcode op = OpcodeTable.get(code[i]);
                if (!op.documented()) {
                    code[i] = 0;
                    i++;
                } else {
                    i += op.length();
                }
            }
            int origin = random.nextInt(0x8000);
            Program p = Assembler.assemble(source(Disassembler.disassemble(code, origin), origin));
            assertEquals(origin, p.origin());
            assertArrayEquals(code, p.bytes());
        }
    }
}
