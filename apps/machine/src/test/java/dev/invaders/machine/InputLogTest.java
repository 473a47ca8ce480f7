package dev.invaders.machine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputLogTest {

    private static InputLog.Change c(long frame, Input input, boolean down) {
        return new InputLog.Change(frame, input, down);
    }

    @Test
    void parsesDownUpPressAndComments() {
        InputLog log = InputLog.parse("""
                # a scripted start
                120 coin press          # default length
                  125\tP1-START   press 10
                300 p1-fire down

                301 p1_left down
                310 p1-fire up
                """);
        assertEquals(List.of(
                c(120, Input.COIN, true),
                c(124, Input.COIN, false),
                c(125, Input.P1_START, true),
                c(135, Input.P1_START, false),
                c(300, Input.P1_FIRE, true),
                c(301, Input.P1_LEFT, true),
                c(310, Input.P1_FIRE, false)), log.changes());
    }

    @Test
    void everyControlHasALogName() {
        for (Input i : Input.values()) {
            assertEquals(List.of(c(0, i, true)), InputLog.parse("0 " + i.logName() + " down").changes());
        }
    }

    @Test
    void releaseOfAPressComesBeforeLinesOfItsFrame() {
        InputLog log = InputLog.parse("100 coin press 4\n104 coin down\n");
        assertEquals(List.of(c(100, Input.COIN, true), c(104, Input.COIN, false), c(104, Input.COIN, true)),
                log.changes());
    }

    @Test
    void toTextRoundTrips() {
        InputLog log = InputLog.parse("5 tilt press 2\n9 p2-right down\n");
        assertEquals(log.changes(), InputLog.parse(log.toText()).changes());
        assertEquals(List.of(), InputLog.parse("# nothing\n\n").changes());
        assertEquals(List.of(), InputLog.empty().changes());
    }

    @Test
    void errorsNameTheLine() {
        assertError("line 2: unknown control 'kick'", "1 coin down\n2 kick down\n");
        assertError("line 1: frame must be a whole number, not 'x'", "x coin down");
        assertError("line 1: frame must not be negative", "-5 coin down");
        assertError("line 3: action must be down, up or press, not 'hold'", "# c\n\n7 coin hold\n");
        assertError("line 1: expected FRAME CONTROL ACTION [FRAMES]", "7 coin");
        assertError("line 1: expected FRAME CONTROL ACTION [FRAMES]", "7 coin press 3 4");
        assertError("line 1: press length must be 1 to 100000 frames, not '0'", "7 coin press 0");
        assertError("line 1: press length must be 1 to 100000 frames, not 'y'", "7 coin press y");
        assertError("line 1: 'down' takes no length", "7 coin down 3");
        assertError("line 2: frame 5 comes before the previous line's frame 9", "9 coin down\r\n5 coin up\r\n");
    }

    private static void assertError(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputLog.parse(text));
        assertTrue(e.getMessage().startsWith(expected), "message was: " + e.getMessage());
    }
}
