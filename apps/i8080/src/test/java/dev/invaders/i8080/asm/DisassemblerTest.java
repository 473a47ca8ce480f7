package dev.invaders.i8080.asm;

import static dev.invaders.i8080.asm.AssemblerTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisassemblerTest {

    static String one(int... code) {
        List<Disassembler.Line> lines = Disassembler.disassemble(bytes(code), 0);
        assertEquals(1, lines.size());
        return lines.getFirst().text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "06 05     | MVI B,05H",
        "3E FF     | MVI A,0FFH",
        "3E A0     | MVI A,0A0H",
        "C3 00 01  | JMP 0100H",
        "21 00 C0  | LXI H,0C000H",
        "31 FF FF  | LXI SP,0FFFFH",
        "CD 05 00  | CALL 0005H",
        "DB 10     | IN 10H",
        "78        | MOV A,B",
        "76        | HLT",
        "F5        | PUSH PSW",
        "EF        | RST 5",
        "C0        | RNZ",
        "08        | NOP ; undocumented",
        "CB 34 12  | JMP 1234H ; undocumented",
        "D9        | RET ; undocumented",
        "FD 00 20  | CALL 2000H ; undocumented",
    })
    void instructionText(String hex, String text) {
        int[] code = java.util.Arrays.stream(hex.trim().split(" ")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();
        assertEquals(text, one(code));
    }

    @Test
    void addressesAndBytesFollowTheOrigin() {
        List<Disassembler.Line> lines = Disassembler.disassemble(bytes(0x3E, 0x05, 0xC3, 0x00, 0x01, 0x76), 0x100);
        assertEquals(List.of(0x100, 0x102, 0x105), lines.stream().map(Disassembler.Line::address).toList());
        assertArrayEquals(bytes(0xC3, 0x00, 0x01), lines.get(1).bytes());
    }

    @Test
    void truncatedLastInstructionBecomesDb() {
        List<Disassembler.Line> lines = Disassembler.disassemble(bytes(0x00, 0xC3, 0x00), 0);
        assertEquals(2, lines.size());
        assertEquals("DB 0C3H,00H", lines.get(1).text());
        assertArrayEquals(bytes(0xC3, 0x00), lines.get(1).bytes());
        assertEquals("DB 3EH", one(0x3E));
    }

    @Test
    void listingLines() {
        String listing = Disassembler.listing(bytes(0x3E, 0x05, 0x00, 0xC3, 0x34, 0x12), 0x100);
        assertEquals("""
                0100  3E 05     MVI A,05H
                0102  00        NOP
                0103  C3 34 12  JMP 1234H
                """, listing);
    }

    @Test
    void emptyCodeGivesNoLines() {
        assertEquals(List.of(), Disassembler.disassemble(new byte[0], 0));
        assertEquals("", Disassembler.listing(new byte[0], 0));
    }

    @Test
    void originMustBeAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> Disassembler.disassemble(new byte[1], 0x10000));
        assertThrows(IllegalArgumentException.class, () -> Disassembler.disassemble(new byte[1], -1));
    }

    @Test
    void everyOpcodeDisassemblesToItsTableMnemonic() {
        for (Opcode op : OpcodeTable.all()) {
            byte[] code = new byte[op.length()];
            code[0] = (byte) op.code();
            String text = Disassembler.disassemble(code, 0).getFirst().text();
            String expected = op.mnemonic().replace("d8", "00H").replace("d16", "0000H").replace("a16", "0000H");
            assertEquals(op.documented() ? expected : expected + " ; undocumented", text);
        }
    }
}
