package dev.invaders.cpu.route;

import dev.invaders.service.Problems;
import java.util.Locale;

/** How a session's instructions execute. */
public enum Mode {
    /** In process ({@code Execution.execute}): the reference and the fastest. */
    LOCAL,
    /** Every instruction is a call to its family's route (a family routed {@code local} runs in process). */
    STRICT,
    /** As strict, but results are memoized by service version and input key, and reused. */
    CACHED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromWire(String name) {
        for (Mode m : values()) {
            if (m.wireName().equals(name)) {
                return m;
            }
        }
        throw Problems.badRequest("unknown mode '" + name + "': local, strict or cached");
    }
}
