package dev.invaders.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Fuzz}, {@link Gen} and {@link FuzzRequests}: the same seed, the same requests; a failure replays. */
class FuzzRunnerTest {
    static final Gen<FuzzRequests.Request> REQUESTS = FuzzRequests.requests(List.of(
                    new FuzzRequests.Endpoint("POST", "/api/v1/sessions/{id}/input",
                            "{\"held\":[\"coin\"],\"epoch\":1}"),
                    new FuzzRequests.Endpoint("GET", "/actuator/{id}", null)),
            List.of("a", "b"), "the-token");

    private static List<String> sent(long seed, int only) {
        List<String> out = new ArrayList<>();
        Fuzz.check(200, seed, only, REQUESTS, r -> out.add(r.text()));
        return out;
    }

    @Test
    void theSameSeedSendsTheSameRequests() {
        assertEquals(sent(1, 0), sent(1, 0));
        assertNotEquals(sent(1, 0), sent(2, 0));
        assertEquals(List.of(sent(1, 0).get(41)), sent(1, 42));
    }

    @Test
    void aFailureNamesItsSeedTryAndRequest() {
        List<String> all = sent(7, 0);
        AssertionError e = assertThrows(AssertionError.class, () -> Fuzz.check(200, 7, 0, REQUESTS, r -> {
            if (r.text().equals(all.get(9))) {
                throw new AssertionError("500 to it");
            }
        }));
        assertTrue(e.getMessage().startsWith("try 10 of 200 failed with seed 7 (replay it: -Dinvaders.fuzz.seed=7"
                + " -Dinvaders.fuzz.try=10): 500 to it\nthe exact value: \""), e.getMessage());
        assertTrue(e.getMessage().endsWith(Fuzz.exact(all.get(9))), e.getMessage());
    }

    @Test
    void theRequestsCoverWhatTheyShould() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            texts.add(REQUESTS.next(random).text());
        }
        for (String s : List.of("POST /api/v1/sessions/a/input ", "GET /actuator/b ", "PUT ", "CONNECT ", "get ",
                "Authorization: Bearer the-token\r\n", "Authorization: Bearer the-tokeX\r\n", "Authorization: \r\n",
                "Authorization: Basic ", "Invaders-Control-Token: ", "Accept: ", "Content-Type: text/plain",
                "?", "{\"held\":[\"coin\"],\"epoch\":1}", "\"unknown\":", "//", "/a/")) {
            assertTrue(texts.stream().anyMatch(t -> t.contains(s)), s);
        }
        assertTrue(texts.stream().anyMatch(t -> !t.contains("Authorization")));
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("GET ") && t.contains("Content-Length")));
    }

    @Test
    void exactEscapesEveryCharOutsidePrintableAscii() {
        assertEquals("\"a\\r\\n\\\"\\\\\\u0000\\u00e9\"", Fuzz.exact("a\r\n\"\\\0\u00e9"));
        assertEquals(Fuzz.exact(new FuzzRequests.Request("GET", "/", Map.of(), null).text()),
                Fuzz.exact(new FuzzRequests.Request("GET", "/", Map.of(), null)));
    }
}
