package dev.invaders.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FuzzedRandom}: each generator choice is one call to the fuzzer's data, with the bounds the generator
 * asked for (an exclusive bound becomes Jazzer's inclusive one), and an exhausted input makes the smallest
 * choices. The fuzzer's data is a stand-in here: it answers from a list and records the calls.
 */
class FuzzedRandomTest {
    /** A FuzzedDataProvider answering from {@code answers} (then the smallest value allowed), recording calls. */
    private static FuzzedDataProvider data(List<String> calls, Object... answers) {
        Deque<Object> left = new ArrayDeque<>(Arrays.asList(answers));
        return (FuzzedDataProvider) Proxy.newProxyInstance(FuzzedRandomTest.class.getClassLoader(),
                new Class<?>[] {FuzzedDataProvider.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "()" : Arrays.toString(args)));
                    Object next = left.poll();
                    return switch (method.getName()) {
                        case "consumeInt" -> next != null ? next : args == null ? 0 : args[0];
                        case "consumeLong" -> next != null ? next : args == null ? 0L : args[0];
                        case "consumeBoolean" -> next != null ? next : false;
                        case "consumeProbabilityDouble" -> next != null ? next : 0.0;
                        case "consumeBytes" -> next != null ? next : new byte[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void boundsBecomeInclusiveAndEachChoiceIsOneCall() {
        List<String> calls = new ArrayList<>();
        FuzzedRandom random = new FuzzedRandom(data(calls, 9, 3, 7L));
        assertEquals(9, random.nextInt(10));
        assertEquals(3, random.nextInt(-2, 5));
        assertEquals(7L, random.nextLong(1, 8));
        assertEquals(List.of("consumeInt[0, 9]", "consumeInt[-2, 4]", "consumeLong[1, 7]"), calls);
    }

    @Test
    void aDoubleStaysBelowOne() {
        FuzzedRandom random = new FuzzedRandom(data(new ArrayList<>(), 1.0, 0.25));
        assertTrue(random.nextDouble() < 1.0);
        assertEquals(0.25, random.nextDouble());
    }

    @Test
    void bytesTheInputCannotFillAreZero() {
        FuzzedRandom random = new FuzzedRandom(data(new ArrayList<>(), (Object) new byte[] {5, 6}));
        byte[] four = {9, 9, 9, 9};
        random.nextBytes(four);
        assertArrayEquals(new byte[] {5, 6, 0, 0}, four);
    }

    @Test
    void emptyRangesAreRefusedAsRandomGeneratorSays() {
        FuzzedRandom random = new FuzzedRandom(data(new ArrayList<>()));
        assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> random.nextInt(3, 3));
        assertThrows(IllegalArgumentException.class, () -> random.nextLong(5, 4));
    }

    @Test
    void anExhaustedInputIsTheFirstEndpointsValidRequest() {
        FuzzRequests.Request request = FuzzRunnerTest.REQUESTS.next(new FuzzedRandom(data(new ArrayList<>())));
        assertEquals("POST", request.method());
        assertEquals("/api/v1/sessions/a/input", request.target());
        assertEquals("Bearer the-token", request.headers().get("Authorization"));
        assertEquals("{\"held\":[\"coin\"],\"epoch\":1}", request.body());
    }
}
