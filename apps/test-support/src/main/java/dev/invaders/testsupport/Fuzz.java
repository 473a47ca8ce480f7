package dev.invaders.testsupport;

import java.util.SplittableRandom;

/**
 * Runs a fuzz test's tries: each try's value from {@link Gen}, over a {@link SplittableRandom} seeded from the
 * test's fixed seed (every run sends the same requests), checked; the first failure names the seed, the try and
 * the exact value, and {@code -Dinvaders.fuzz.seed=S -Dinvaders.fuzz.try=N} replays that try alone. The seed
 * property alone runs every fuzz test with another seed.
 */
public final class Fuzz {
    /** A seed for every fuzz test instead of its own. */
    public static final String SEED = "invaders.fuzz.seed";
    /** Only this try (from 1) of each fuzz test. */
    public static final String TRY = "invaders.fuzz.try";

    private Fuzz() {
    }

    /** A check of one value; it throws (an AssertionError, or any exception) when the value fails. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T value) throws Exception;
    }

    /** Checks {@code tries} values from {@code gen}, seeded with {@code seed} (or the {@value #SEED} property). */
    public static <T> void check(int tries, long seed, Gen<? extends T> gen, Check<? super T> check) {
        check(tries, Long.getLong(SEED, seed), Integer.getInteger(TRY, 0), gen, check);
    }

    /** The same, with only try {@code only} (none: 0). */
    static <T> void check(int tries, long s, int only, Gen<? extends T> gen, Check<? super T> check) {
        SplittableRandom seeds = new SplittableRandom(s);
        for (int i = 1; i <= tries; i++) {
            // each try its own stream, so that one try is replayed without generating the ones before it
            SplittableRandom random = new SplittableRandom(seeds.nextLong());
            if (only != 0 && i != only) {
                continue;
            }
            T value = gen.next(random);
            try {
                check.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("try " + i + " of " + tries + " failed with seed " + s + " (replay it: -D"
                        + SEED + "=" + s + " -D" + TRY + "=" + i + "): " + e.getMessage() + "\nthe exact value: "
                        + exact(value), e);
            }
        }
    }

    /** A value as a Java string literal's content: every char outside printable ASCII escaped. */
    static String exact(Object value) {
        String text = value instanceof FuzzRequests.Request r ? r.text() : String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> out.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
