package dev.invaders.testsupport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The fuzz tests' generators ({@link Gen}, {@link FuzzRequests}) driven by Jazzer's input instead of a seeded
 * random source: each choice a generator makes (which endpoint, which method, which mutation, each character) is
 * read from the fuzzer's bytes, so the coverage-guided fuzzer mutates requests as the generators build them, not
 * as raw bytes. When the input runs out every choice is its smallest (the first endpoint, no mutation), which
 * keeps a short input a short request.
 */
public final class FuzzedRandom implements RandomGenerator {
    private final FuzzedDataProvider data;

    public FuzzedRandom(FuzzedDataProvider data) {
        this.data = data;
    }

    @Override
    public long nextLong() {
        return data.consumeLong();
    }

    @Override
    public int nextInt() {
        return data.consumeInt();
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return data.consumeInt(0, bound - 1);
    }

    @Override
    public int nextInt(int origin, int bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin " + origin + " must be below bound " + bound);
        }
        return data.consumeInt(origin, bound - 1);
    }

    @Override
    public long nextLong(long origin, long bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin " + origin + " must be below bound " + bound);
        }
        return data.consumeLong(origin, bound - 1);
    }

    @Override
    public boolean nextBoolean() {
        return data.consumeBoolean();
    }

    /** From 0 (included) to 1 (excluded), as {@link RandomGenerator} promises (Jazzer's may give 1). */
    @Override
    public double nextDouble() {
        return Math.min(data.consumeProbabilityDouble(), Math.nextDown(1.0));
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] got = data.consumeBytes(bytes.length);
        System.arraycopy(got, 0, bytes, 0, got.length);
        Arrays.fill(bytes, got.length, bytes.length, (byte) 0);
    }
}
