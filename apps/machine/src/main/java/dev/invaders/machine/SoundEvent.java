package dev.invaders.machine;

/**
 * A sound the cabinet starts: the board reports one on each 0 -> 1 edge of its bit on OUT 3 or OUT 5.
 * (The UFO sound repeats while its bit stays 1; {@link InvadersBoard#soundPort3()} gives the level.)
 */
public enum SoundEvent {
    /** OUT 3 bit 0. */
    UFO(3, 0),
    /** OUT 3 bit 1. */
    SHOT(3, 1),
    /** OUT 3 bit 2. */
    PLAYER_DIES(3, 2),
    /** OUT 3 bit 3. */
    INVADER_DIES(3, 3),
    /** OUT 3 bit 4. */
    EXTRA_LIFE(3, 4),
    /** OUT 5 bit 0. */
    FLEET_1(5, 0),
    /** OUT 5 bit 1. */
    FLEET_2(5, 1),
    /** OUT 5 bit 2. */
    FLEET_3(5, 2),
    /** OUT 5 bit 3. */
    FLEET_4(5, 3),
    /** OUT 5 bit 4. */
    UFO_HIT(5, 4);

    private final int port;
    private final int bit;

    SoundEvent(int port, int bit) {
        this.port = port;
        this.bit = bit;
    }

    /** The output port (3 or 5). */
    public int port() {
        return port;
    }

    /** The bit within that port. */
    public int bit() {
        return bit;
    }
}
