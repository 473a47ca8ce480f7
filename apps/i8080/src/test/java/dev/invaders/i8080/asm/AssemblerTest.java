package dev.invaders.i8080.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Ram;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AssemblerTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] asm(String source) {
        return Assembler.assemble(source).bytes();
    }

    static Stream<Opcode> documented() {
        return OpcodeTable.all().stream().filter(Opcode::documented);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void everyDocumentedOpcodeAssemblesToItsByte(Opcode op) {
        String source = "  " + op.mnemonic().replace("d8", "12H").replace("d16", "3456H").replace("a16", "3456H");
        byte[] expected = switch (op.length()) {
            case 1 -> bytes(op.code());
            case 2 -> bytes(op.code(), 0x12);
            default -> bytes(op.code(), 0x56, 0x34);
        };
        assertArrayEquals(expected, asm(source), source);
    }

    @Test
    void coversEveryDocumentedMnemonicText() {
        // 256 opcodes minus 12 undocumented duplicates.
        assertEquals(244, documented().count());
    }

    /** Encodings written from the Intel 8080 manual, not from the table. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "MOV A,B      | 78",
        "MOV M,A      | 77",
        "MOV B,M      | 46",
        "HLT          | 76",
        "MVI A,5      | 3E 05",
        "MVI M,0FFH   | 36 FF",
        "LXI SP,1234H | 31 34 12",
        "LXI H,0      | 21 00 00",
        "PUSH PSW     | F5",
        "POP B        | C1",
        "RST 7        | FF",
        "RST 0        | C7",
        "JMP 0100H    | C3 00 01",
        "JNZ 0        | C2 00 00",
        "CALL 5       | CD 05 00",
        "CM 1         | FC 01 00",
        "RPE          | E8",
        "RET          | C9",
        "LDAX D       | 1A",
        "STAX B       | 02",
        "SHLD 2000H   | 22 00 20",
        "IN 10H       | DB 10",
        "OUT 0FFH     | D3 FF",
        "DAD SP       | 39",
        "INX H        | 23",
        "DCR M        | 35",
        "XRA A        | AF",
        "CPI 'A'      | FE 41",
        "XCHG         | EB",
        "EI           | FB",
    })
    void knownEncodings(String source, String hex) {
        String[] parts = hex.trim().split(" ");
        int[] values = Stream.of(parts).mapToInt(p -> Integer.parseInt(p, 16)).toArray();
        assertArrayEquals(bytes(values), asm(source));
    }

    @Test
    void mnemonicsRegistersAndDirectivesIgnoreCase() {
        assertArrayEquals(asm("MOV A,B\nLXI SP,10H\nDB 1"), asm("mov a,b\nLxi sp,10h\ndb 1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1+2*3            | 7",
        "(1+2)*3          | 9",
        "10-4-3           | 3",
        "100/7            | 14",
        "100 MOD 7        | 2",
        "100 % 7          | 2",
        "0FFH AND 0FH     | 15",
        "0F0H OR 0FH      | 255",
        "0FFH XOR 0F0H    | 15",
        "1 SHL 4          | 16",
        "80H SHR 3        | 16",
        "1 << 4 + 1       | 17",  // Intel: shifts bind tighter than +
        "1 SHL 4 OR 1     | 17",
        "HIGH 1234H       | 18",
        "LOW 1234H        | 52",
        "HIGH 1234H + 1   | 19",
        "NOT 0            | 65535",
        "NOT 0 AND 0FFH   | 255",
        "-1               | 65535",
        "-(2+3)           | 65531",
        "'A'              | 65",
        "'AB'             | 16706",
        "\"\"\"\"         | 34",
        "1010B            | 10",
        "17Q              | 15",
        "17O              | 15",
        "0x1F             | 31",
        "$1F              | 31",
        "99D              | 99",
        "0ABCDH           | 43981",
        "1 + 2 * 3 AND 6  | 6",
    })
    void expressions(String expression, int expected) {
        byte[] b = asm("DW " + expression);
        assertEquals(expected, (b[0] & 0xFF) | (b[1] & 0xFF) << 8, expression);
    }

    @Test
    void dollarIsTheAddressOfTheStatement() {
        byte[] b = asm("ORG 200H\nNOP\nJMP $\nDW $+1, $");
        assertArrayEquals(bytes(0x00, 0xC3, 0x01, 0x02, 0x05, 0x02, 0x04, 0x02), b);
    }

    @Test
    void forwardReferencesResolve() {
        Program p = Assembler.assemble("""
                        ORG 100H
                START:  JMP LATER     ; forward
                        MVI A,LOW DATA
                        MVI B,HIGH DATA
                LATER:  LXI H,DATA
                        HLT
                DATA:   DB 1
                """);
        assertEquals(0x100, p.origin());
        assertEquals(0x107, p.symbol("LATER"));
        assertEquals(0x10B, p.symbol("DATA"));
        assertArrayEquals(bytes(0xC3, 0x07, 0x01, 0x3E, 0x0B, 0x06, 0x01, 0x21, 0x0B, 0x01, 0x76, 0x01), p.bytes());
    }

    @Test
    void equAndSet() {
        Program p = Assembler.assemble("""
                BDOS    EQU 5
                COUNT:  EQU BDOS*2
                AHEAD   EQU LATER+1   ; EQU may look forward
                N       SET 1
                        DB N
                N       SET N+1
                        DB N, COUNT, AHEAD
                LATER:  NOP
                """);
        assertArrayEquals(bytes(1, 2, 10, 5, 0), p.bytes());
        assertEquals(5, p.symbol("BDOS"));
        assertEquals(10, p.symbol("COUNT"));
        assertEquals(5, p.symbol("AHEAD"));
        assertEquals(2, p.symbol("N"));
    }

    @Test
    void orgGapsAreZeroFilledAndOriginIsTheLowestByte() {
        Program p = Assembler.assemble("ORG 104H\nDB 2\nORG 100H\nDB 1");
        assertEquals(0x100, p.origin());
        assertEquals(0x105, p.end());
        assertArrayEquals(bytes(1, 0, 0, 0, 2), p.bytes());
    }

    @Test
    void dsReservesZerosInsideTheImageButDoesNotExtendIt() {
        Program p = Assembler.assemble("ORG 10H\nDB 1\nBUF: DS 3\nDB 2\nTAIL: DS 10");
        assertEquals(0x10, p.origin());
        assertArrayEquals(bytes(1, 0, 0, 0, 2), p.bytes());
        assertEquals(0x11, p.symbol("BUF"));
        assertEquals(0x15, p.symbol("TAIL"));
    }

    @Test
    void dbTakesStringsAndValuesMixed() {
        assertArrayEquals(bytes('H', 'i', 0, 'x', '"', 'y', 'I', 't', '\'', 's', 'B', 0xFF, ';', ','),
                asm("DB 'Hi',0,\"x\"\"y\", 'It''s', 'A'+1, -1, ';', ','  ; comment"));
    }

    @Test
    void dwIsLittleEndian() {
        assertArrayEquals(bytes(0x34, 0x12, 0xFF, 0xFF, 0x41, 0x00), asm("DW 1234H, -1, 'A'"));
    }

    @Test
    void namesWithoutColonBeforeDataDirectives() {
        Program p = Assembler.assemble("ORG 300H\nMSG DB 'ok'\nPTR DW MSG\nBUF DS 1\n");
        assertEquals(0x300, p.symbol("MSG"));
        assertEquals(0x302, p.symbol("PTR"));
        assertEquals(0x304, p.symbol("BUF"));
        assertArrayEquals(bytes('o', 'k', 0x00, 0x03), p.bytes());
    }

    @Test
    void symbolsAreCaseSensitive() {
        Program p = Assembler.assemble("loop: NOP\nLoop: NOP\nJMP Loop");
        assertEquals(0, p.symbol("loop"));
        assertEquals(1, p.symbol("Loop"));
        assertArrayEquals(bytes(0, 0, 0xC3, 1, 0), p.bytes());
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("loop: JMP LOOP"));
        assertTrue(e.detail().contains("undefined symbol 'LOOP'"), e.detail());
    }

    @Test
    void endStopsAssembly() {
        assertArrayEquals(bytes(0x76), asm("HLT\nEND\nthis is not assembled"));
    }

    @Test
    void labelOnlyLinesEmptyLinesCommentsAndCrLf() {
        Program p = Assembler.assemble("; header\r\n\r\nA1:\r\n   ; only a comment\r\nA2: NOP\r\n");
        assertEquals(0, p.symbol("A1"));
        assertEquals(0, p.symbol("A2"));
        assertArrayEquals(bytes(0), p.bytes());
    }

    @Test
    void emptySourceGivesAnEmptyProgram() {
        Program p = Assembler.assemble("");
        assertEquals(0, p.size());
    }

    @Test
    void loadWritesTheImageAtItsOrigin() {
        Ram ram = new Ram();
        Assembler.assemble("ORG 0FFFEH\nDW 0BEEFH").load(ram);
        assertEquals(0xEF, ram.read(0xFFFE));
        assertEquals(0xBE, ram.read(0xFFFF));
    }

    @Test
    void imageIsACopy() {
        Program p = Assembler.assemble("NOP");
        p.image()[0] = 1;
        p.bytes()[0] = 1;
        assertArrayEquals(bytes(0), p.image());
    }

    // --- errors ----------------------------------------------------------------------------------

    static AssemblyException fails(String source) {
        return assertThrows(AssemblyException.class, () -> Assembler.assemble("test.asm", source));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "FOO A,B            | unknown mnemonic 'FOO'",
        "MOV A,SP           | bad operand 'SP' for MOV",
        "MOV M,M            | bad operand 'M' for MOV",
        "LXI PSW,0          | bad operand 'PSW' for LXI",
        "PUSH SP            | bad operand 'SP' for PUSH",
        "MVI A,300          | value 300 does not fit in a byte",
        "MVI A,-129         | value -129 does not fit in a byte",
        "DB 256             | value 256 does not fit in a byte",
        "LXI H,10000H       | does not fit in 16 bits",
        "DW 70000 / 1       | does not fit in 16 bits",
        "JMP NOWHERE        | undefined symbol 'NOWHERE'",
        "MOV A              | MOV takes 2 operands, not 1",
        "NOP 1              | NOP takes no operands, not 1",
        "MOV A,B,C          | MOV takes 2 operands, not 3",
        "MOV A,             | missing operand",
        "RST 8              | RST takes 0 to 7, not 8",
        "MVI A,B            | 'B' is a register, not a value",
        "DB 'abc            | unterminated string",
        "DB 1/0             | division by zero",
        "DB (1+2            | missing ')'",
        "DB 1 2             | unexpected '2'",
        "DB 12AB            | bad number '12AB'",
        "DB 102B            | bad number '102B'",
        "DB 'abc'+1         | only 1 or 2 characters",
        "ORG LATER          | ORG may use only symbols defined above it",
        "ORG 10000H         | does not fit in 16 bits",
        "X EQU              | EQU takes 1 operand, not 0",
        "EQU 5              | EQU needs a name",
        "DB                 | DB needs at least one value",
        "B: NOP             | 'B' is reserved",
        "12 NOP             | expected a mnemonic or directive",
        "MVI A,#1           | unexpected character '#'",
    })
    void errorsNameTheLineAndTheProblem(String bad, String message) {
        AssemblyException e = fails("  NOP\n" + bad + "\n  NOP");
        assertEquals(2, e.line());
        assertTrue(e.detail().contains(message), () -> "'" + e.detail() + "' should contain '" + message + "'");
        assertTrue(e.getMessage().startsWith("test.asm:2: "), e.getMessage());
    }

    @Test
    void duplicateLabel() {
        AssemblyException e = fails("X: NOP\nY: NOP\nX: NOP");
        assertEquals(3, e.line());
        assertEquals("duplicate label 'X' (first defined on line 1)", e.detail());
        assertEquals(3, fails("X EQU 1\nY EQU 2\nX EQU 1").line());
        assertEquals(2, fails("X EQU 1\nX SET 2").line());
    }

    @Test
    void overlappingOrgIsAnError() {
        AssemblyException e = fails("ORG 100H\nDW 0\nORG 101H\nDB 1");
        assertEquals(4, e.line());
        assertTrue(e.detail().contains("overlaps code already assembled at 0101H"), e.detail());
    }

    @Test
    void runningPastTheEndOfMemoryIsAnError() {
        AssemblyException e = fails("ORG 0FFFFH\nNOP\nNOP");
        assertEquals(3, e.line());
        assertTrue(e.detail().contains("past the end of memory"), e.detail());
    }

    @Test
    void circularEquIsUndefined() {
        AssemblyException e = fails("A1 EQU B1\nB1 EQU A1");
        assertTrue(e.detail().contains("undefined symbol"), e.detail());
    }

    @Test
    void allErrorsAreCollectedInLineOrder() {
        // Line 2's undefined symbol is only found in pass two, line 4's unknown mnemonic in pass one.
        AssemblyException e = fails("NOP\nJMP MISSING\nNOP\nBOGUS\nMVI A,999");
        assertEquals(List.of(2, 4, 5), e.errors().stream().map(AssemblyException.Problem::line).toList());
        assertEquals(2, e.line());
    }

    @Test
    void aLabelOnABrokenLineIsStillDefined() {
        AssemblyException e = fails("JMP LBL\nLBL: DB 'oops");
        assertEquals(List.of(2), e.errors().stream().map(AssemblyException.Problem::line).toList());
    }

    @Test
    void unnamedSourceIsCalledSource() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("NOP\nXYZZY"));
        assertEquals("<source>:2: unknown mnemonic 'XYZZY'", e.getMessage());
    }
}
