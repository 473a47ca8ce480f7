package dev.invaders.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.invaders.i8080.CpuState;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one CPU-state shape: its checks and messages, and the conversion to and from the core's state. */
class CpuStateJsonTest {

    private static final CpuStateJson.Flags FLAGS = new CpuStateJson.Flags(true, false, true, false, true);
    private static final CpuStateJson GOOD = new CpuStateJson(1, 2, 3, 4, 5, 6, 7, 0x2400, 0x0100, 99L, true, false,
            FLAGS);

    private static String refused(String where, CpuStateJson s) {
        return assertThrows(IllegalArgumentException.class, () -> s.checked(where)).getMessage();
    }

    private static CpuStateJson with(UnaryOperator<Object[]> change) {
        Object[] v = Arrays.stream(CpuStateJson.class.getRecordComponents()).map(c -> {
            try {
                return c.getAccessor().invoke(GOOD);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }).toArray();
        v = change.apply(v);
        return new CpuStateJson((Integer) v[0], (Integer) v[1], (Integer) v[2], (Integer) v[3], (Integer) v[4],
                (Integer) v[5], (Integer) v[6], (Integer) v[7], (Integer) v[8], (Long) v[9], (Boolean) v[10],
                (Boolean) v[11], (CpuStateJson.Flags) v[12]);
    }

    private static UnaryOperator<Object[]> set(int member, Object value) {
        return v -> {
            v[member] = value;
            return v;
        };
    }

    @Test
    void aCompleteStateInRangeIsTakenAsItIs() {
        assertSame(GOOD, GOOD.checked("state"));
    }

    @Test
    void haltedMayBeLeftOut() {
        CpuStateJson s = with(set(11, null)).checked("cpu");
        assertFalse(s.halted());
        assertEquals(GOOD, s);
    }

    @Test
    void eachMemberMissingOrOutOfRangeIsNamedWithItsPlace() {
        assertEquals("state.a is missing", refused("state", with(set(0, null))));
        assertEquals("state.a must be a byte (0-255): 256", refused("state", with(set(0, 256))));
        assertEquals("cpu.l must be a byte (0-255): -1", refused("cpu", with(set(6, -1))));
        assertEquals("state.stackPointer must be 0-65535: 65536", refused("state", with(set(7, 65536))));
        assertEquals("cpu.programCounter is missing", refused("cpu", with(set(8, null))));
        assertEquals("state.cycles is missing", refused("state", with(set(9, null))));
        assertEquals("state.cycles must not be negative: -5", refused("state", with(set(9, -5L))));
        assertEquals("cpu.interruptsEnabled is missing", refused("cpu", with(set(10, null))));
        assertEquals("cpu.flags is missing", refused("cpu", with(set(12, null))));
        assertEquals("state.flags.zero is missing", refused("state",
                with(set(12, new CpuStateJson.Flags(true, null, true, false, true)))));
        assertEquals("cpu.flags.carry is missing", refused("cpu",
                with(set(12, new CpuStateJson.Flags(true, false, true, false, null)))));
    }

    @Test
    void theCoresStateGoesThereAndBackUnchanged() {
        Random r = new Random(8080);
        for (int i = 0; i < 1000; i++) {
            CpuState s = new CpuState(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                    r.nextInt(256), r.nextInt(256), r.nextInt(65536), r.nextInt(65536), r.nextInt(256),
                    r.nextBoolean(), r.nextBoolean(), r.nextLong(1L << 40));
            CpuStateJson json = CpuStates.json(s);
            assertSame(json, json.checked("state"));
            assertEquals(s, CpuStates.state(json, "state"));
        }
        assertEquals("cpu is missing",
                assertThrows(IllegalArgumentException.class, () -> CpuStates.state(null, "cpu")).getMessage());
        assertEquals("state.h must be a byte (0-255): 300", assertThrows(IllegalArgumentException.class,
                () -> CpuStates.state(with(set(5, 300)), "state")).getMessage());
    }

    /** The record is what a service without the emulator core stores: none of the core's types in it. */
    @Test
    void theShapeNeedsNothingOfTheCore() {
        for (Class<?> type : new Class<?>[] {CpuStateJson.class, CpuStateJson.Flags.class}) {
            for (RecordComponent c : type.getRecordComponents()) {
                assertFalse(c.getType().getName().startsWith("dev.invaders.i8080"), c.toString());
            }
            for (var m : type.getDeclaredMethods()) {
                assertFalse(m.getReturnType().getName().startsWith("dev.invaders.i8080"), m.toString());
                for (Class<?> p : m.getParameterTypes()) {
                    assertFalse(p.getName().startsWith("dev.invaders.i8080"), m.toString());
                }
            }
        }
    }
}
