package dev.invaders.machine;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The cabinet's DIP switches, read by the game on IN 2.
 *
 * @param lives       ships per game, 3 to 6 (IN 2 bits 0-1: lives - 3)
 * @param bonusLifeAt score for the extra ship, 1000 or 1500 (IN 2 bit 3: 1 means 1000)
 * @param coinInfo    whether the attract mode shows the coin information (IN 2 bit 7: 0 means shown)
 */
public record DipSwitches(int lives, int bonusLifeAt, boolean coinInfo) {

    /** The factory setting: 3 ships, bonus at 1500, coin information shown. */
    public static final DipSwitches DEFAULT = new DipSwitches(3, 1500, true);

    public DipSwitches {
        if (lives < 3 || lives > 6) {
            throw new IllegalArgumentException("lives must be 3, 4, 5 or 6, not " + lives);
        }
        if (bonusLifeAt != 1000 && bonusLifeAt != 1500) {
            throw new IllegalArgumentException("bonus must be 1000 or 1500, not " + bonusLifeAt);
        }
    }

    /** The DIP bits of IN 2 (bits 0, 1, 3 and 7); the other bits are controls. */
    public int port2Bits() {
        return (lives - 3) | (bonusLifeAt == 1000 ? 0x08 : 0) | (coinInfo ? 0 : 0x80);
    }

    /**
     * Parses {@code lives=3,bonus=1500,coinInfo=on}: comma-separated {@code key=value}, any subset, any
     * order, keys case-insensitive; missing keys keep {@link #DEFAULT}'s value. Keys: {@code lives}
     * (3-6), {@code bonus} (1000 or 1500; {@code bonusLifeAt} also accepted), {@code coinInfo}
     * (on/off, true/false, yes/no, 1/0). An empty text gives {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static DipSwitches parse(String text) {
        int lives = DEFAULT.lives;
        int bonus = DEFAULT.bonusLifeAt;
        boolean coinInfo = DEFAULT.coinInfo;
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Set<String> seen = new HashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("DIP switch setting '" + p + "' is not key=value"
                        + " (keys: lives, bonus, coinInfo; e.g. lives=3,bonus=1500,coinInfo=on)");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (key.equals("bonuslifeat")) {
                key = "bonus";
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("DIP switch '" + key + "' is given twice");
            }
            switch (key) {
                case "lives" -> {
                    lives = number(key, value);
                    if (lives < 3 || lives > 6) {
                        throw new IllegalArgumentException("lives must be 3, 4, 5 or 6, not " + value);
                    }
                }
                case "bonus" -> {
                    bonus = number(key, value);
                    if (bonus != 1000 && bonus != 1500) {
                        throw new IllegalArgumentException("bonus must be 1000 or 1500, not " + value);
                    }
                }
                case "coininfo" -> coinInfo = switch (value.toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes", "1" -> true;
                    case "off", "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException("coinInfo must be on or off, not '" + value + "'");
                };
                default -> throw new IllegalArgumentException("unknown DIP switch '" + p.substring(0, eq).trim()
                        + "' (keys: lives, bonus, coinInfo)");
            }
        }
        return new DipSwitches(lives, bonus, coinInfo);
    }

    /** The text {@link #parse} reads back to this value. */
    @Override
    public String toString() {
        return "lives=" + lives + ",bonus=" + bonusLifeAt + ",coinInfo=" + (coinInfo ? "on" : "off");
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'");
        }
    }
}
