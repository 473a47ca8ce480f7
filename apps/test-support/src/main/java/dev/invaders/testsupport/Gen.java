package dev.invaders.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of the fuzz tests' values: from a random source, a value (the same source, seeded alike, gives the
 * same value). With the few combinators {@link FuzzRequests} needs; {@link Fuzz#check} runs the tries.
 */
@FunctionalInterface
public interface Gen<T> {
    T next(RandomGenerator random);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    /** A value with this probability, else {@code null}. */
    default Gen<T> orNull(double present) {
        return r -> r.nextDouble() < present ? next(r) : null;
    }

    /** A list of {@code min} to {@code max} values. */
    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int n = r.nextInt(min, max + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    static <T> Gen<T> just(T value) {
        return r -> value;
    }

    /** One of these values, each as likely. */
    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    /** One of these generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    /** A generator with its weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of these generators, each as likely as its weight says. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        int total = Arrays.stream(choices).mapToInt(Weighted::weight).sum();
        return r -> {
            int pick = r.nextInt(total);
            for (Weighted<? extends T> w : choices) {
                pick -= w.weight();
                if (pick < 0) {
                    return w.gen().next(r);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    /** An int from {@code min} to {@code max}, both included. */
    static Gen<Integer> between(int min, int max) {
        return r -> r.nextInt(min, max + 1);
    }

    /** A long: an edge (0, 1, -1, the smallest, the largest) now and then, a small one or any. */
    static Gen<Long> longs() {
        return frequency(weight(1, of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)),
                weight(3, r -> r.nextLong(-1000, 1001)), weight(4, RandomGenerator::nextLong));
    }

    /** A char from {@code from} to {@code to}, both included. */
    static Gen<Character> chars(char from, char to) {
        return r -> (char) r.nextInt(from, to + 1);
    }

    /**
     * Any char but a lone surrogate: printable ASCII mostly, control characters, Latin-1, anything in the Basic
     * Multilingual Plane.
     */
    static Gen<Character> anyChar() {
        return frequency(weight(4, chars(' ', '~')), weight(1, of('\0', '\t', '\n', '\r', '\u001b', '\u007f')),
                weight(1, chars('\u0080', '\u00ff')),
                weight(2, chars('\u0100', '\ud7ff')), weight(1, chars('\ue000', '\ufffd')));
    }

    /** A string of 0 to {@code maxLength} of these chars. */
    static Gen<String> strings(Gen<Character> chars, int maxLength) {
        return r -> {
            int n = r.nextInt(maxLength + 1);
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append(chars.next(r));
            }
            return b.toString();
        };
    }

    /** Up to {@code maxLength} of any chars (now and then one outside the BMP, a surrogate pair, after them). */
    static Gen<String> strings(int maxLength) {
        Gen<String> plain = strings(anyChar(), maxLength);
        return frequency(weight(9, plain),
                weight(1, r -> plain.next(r) + Character.toString(r.nextInt(0x10000, 0x110000))));
    }

    /** 0 to {@code maxLength} random bytes. */
    static Gen<byte[]> bytes(int maxLength) {
        return r -> {
            byte[] b = new byte[r.nextInt(maxLength + 1)];
            r.nextBytes(b);
            return b;
        };
    }
}
