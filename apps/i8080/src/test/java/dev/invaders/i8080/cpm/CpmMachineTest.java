package dev.invaders.i8080.cpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.CpuTestPrograms;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpmMachineTest {

    /** Instruction and cycle counts of a correct core, stubs included: ../shared/roms/cpu-tests/PROVENANCE.md. */
    @ParameterizedTest(name = "{0} prints its expected output in {1} instructions and {2} cycles")
    @CsvSource({"TST8080, 651, 4924", "8080PRE, 1061, 7817"})
    void cpuTestProgramPasses(String name, long instructions, long cycles) {
        byte[] program = CpuTestPrograms.program(name);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CpmMachine machine = new CpmMachine(program, console);

        CpmMachine.Stop stop = machine.run(10_000_000);

        assertEquals(CpmMachine.Stop.WARM_BOOT, stop);
        assertArrayEquals(CpuTestPrograms.expectedOutput(name), console.toByteArray(),
                () -> "output was: " + console);
        assertEquals(instructions, machine.cpu().instructions(), "instructions");
        assertEquals(cycles, machine.cpu().cycles(), "cycles");
    }

    @Test
    void printsCharactersAndStringsThenStopsOnWarmBoot() {
        // MVI C,2 / MVI E,'H' / CALL 5 / MVI C,9 / LXI D,msg / CALL 5 / JMP 0 / msg: DB "i!$"
        byte[] program = {0x0E, 0x02, 0x1E, 'H', (byte) 0xCD, 0x05, 0x00, 0x0E, 0x09, 0x11, 0x12, 0x01,
            (byte) 0xCD, 0x05, 0x00, (byte) 0xC3, 0x00, 0x00, 'i', '!', '$'};
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CpmMachine machine = new CpmMachine(program, console);

        assertEquals(CpmMachine.Stop.WARM_BOOT, machine.run(1000));
        assertEquals("Hi!", console.toString());
    }

    @Test
    void unsupportedBdosFunctionIsAClearError() {
        byte[] program = {0x0E, 0x0A, (byte) 0xCD, 0x05, 0x00, 0x76}; // MVI C,10 / CALL 5 / HLT
        CpmMachine machine = new CpmMachine(program, new ByteArrayOutputStream());

        CpmException e = assertThrows(CpmException.class, () -> machine.run(1000));
        assertTrue(e.getMessage().contains("unsupported BDOS function 10"), e.getMessage());
        assertTrue(e.getMessage().contains("0102h"), "names the CALL's address: " + e.getMessage());
    }

    @Test
    void haltAndInstructionLimitStopTheRun() {
        assertEquals(CpmMachine.Stop.HALTED, new CpmMachine(new byte[] {0x00, 0x76}, new ByteArrayOutputStream()).run(0));
        CpmMachine loop = new CpmMachine(new byte[] {(byte) 0xC3, 0x00, 0x01}, new ByteArrayOutputStream());
        assertEquals(CpmMachine.Stop.LIMIT, loop.run(500));
        assertEquals(500, loop.cpu().instructions());
    }

    @Test
    void rejectsAProgramLargerThanTheTransientArea() {
        assertThrows(CpmException.class, () -> new CpmMachine(new byte[CpmMachine.MAX_PROGRAM_SIZE + 1],
                new ByteArrayOutputStream()));
        new CpmMachine(new byte[CpmMachine.MAX_PROGRAM_SIZE], new ByteArrayOutputStream());
    }
}
