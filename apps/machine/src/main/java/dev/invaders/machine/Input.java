package dev.invaders.machine;

import java.util.Locale;

/** A cabinet control. Its name in an {@link InputLog} is the lower-case name with '-' for '_'. */
public enum Input {
    COIN, P1_START, P2_START, P1_FIRE, P1_LEFT, P1_RIGHT, P2_FIRE, P2_LEFT, P2_RIGHT, TILT;

    /** The name used in input logs: {@code coin}, {@code p1-start}, ... */
    public String logName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The control with this log name (case-insensitive, '_' accepted for '-'), or null. */
    public static Input fromLogName(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Input i : values()) {
            if (i.name().equals(n)) {
                return i;
            }
        }
        return null;
    }
}
