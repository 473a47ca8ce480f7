package dev.invaders.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The fuzz tests' requests as jqwik {@link Arbitrary}s (each service's {@code FuzzTest} sends them with
 * {@link HttpFuzz#send} and judges the answer with {@link HttpFuzz#check}): per request an endpoint of the
 * service, its method (now and then another one), its path ({@code {id}} replaced by an id that exists, an odd
 * one or random text; a segment replaced or one added), a query string, the internal token (present, absent or
 * wrong), a session control token, Content-Type and Accept, and a body mutated from the endpoint's valid one
 * (truncated, characters replaced, a field renamed, numbers replaced, other JSON, random bytes, empty, none).
 */
public final class FuzzRequests {
    private FuzzRequests() {
    }

    /** One endpoint: its method, its path ({@code {id}} is replaced by ids, good and bad) and a valid body. */
    public record Endpoint(String method, String path, String body) {
    }

    /** One request, sent as raw bytes (so that malformed targets and bodies reach the server as they are). */
    public record Request(String method, String target, Map<String, String> headers, String body) {
        public byte[] bytes() {
            return HttpFuzz.request(method, target, headers, body);
        }

        /**
         * Sends this request to the service on this port and checks the answer with {@link HttpFuzz#check}. A
         * method the server does not know at all (CONNECT, PROPFIND, "get") may get 501 Not Implemented with a
         * problem body: that is HTTP's answer to such a method (RFC 9110, 15.6.2), a refusal, not a fault.
         */
        public void sendAndCheck(int port) throws java.io.IOException {
            HttpFuzz.Answer a = HttpFuzz.send(port, bytes());
            if (a.status() == 501 && !KNOWN_METHODS.contains(method)) {
                a = new HttpFuzz.Answer(400, a.head(), a.body());
            }
            HttpFuzz.check(a, toString());
        }

        @Override
        public String toString() {
            return HttpFuzz.printable(bytes());
        }
    }

    /** What the internal token header carries. */
    enum Token { PRESENT, ABSENT, WRONG, EMPTY, NOT_BEARER }

    static final List<String> ODD = List.of("", "%00", "%2f", "..", "%2e%2e", "x".repeat(300), "\u00e9", "%ff%fe",
            "a;b=c", "{id}", "%20", "-1", "0", "99999999999999999999", "null", "true", "[]", "%22", "'", "~",
            "00000000-0000-0000-0000-000000000000", "%", "a%2", "*", "\\", "//", ".", "actuator");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "get", "PROPFIND");
    static final List<String> KNOWN_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE");
    static final List<String> TYPES = List.of("application/json", "text/plain", "application/xml", "*/*",
            "application/json; charset=latin1", "multipart/form-data; boundary=x", "application/problem+json",
            "application/json;;", "image/png", "text/event-stream", "application/octet-stream", "x");
    static final List<String> OTHER_JSON = List.of("null", "[]", "\"x\"", "1e999", "{\"a\":", "{}",
            "{\"held\":[null]}", "{\"machine\":\"invaders\",\"stopAfterFrames\":-1}", "{\"opcode\":999}",
            "[" + "[".repeat(2000) + "]".repeat(2000) + "]", "{\"x\":" + "9".repeat(400) + "}",
            "{\"a\":1,\"a\":2}", "\ufeff{}", "{\"image\":\"!!!\"}", "{\"writes\":[{\"address\":-1,\"value\":300}]}");

    /**
     * Requests to these endpoints; {@code ids} replace {@code {id}} (with odd ids among them), {@code token} is
     * the internal token ({@code null}: a public service, whose callers send none; a wrong one is still tried).
     */
    public static Arbitrary<Request> requests(List<Endpoint> endpoints, List<String> ids, String token) {
        return Arbitraries.of(endpoints).flatMap(e -> Combinators.combine(
                        method(e), path(e, ids), query(), headers(token), body(e))
                .as((method, path, query, headers, body) -> {
                    Map<String, String> h = new LinkedHashMap<>(headers.map());
                    String content = body.orElse(null);
                    // GET and HEAD carry a body now and then only.
                    if (("GET".equals(method) || "HEAD".equals(method)) && !headers.bodyOnGet()) {
                        content = null;
                    }
                    if (content == null) {
                        h.remove("Content-Type");
                    }
                    return new Request(method, encode(path) + query, h, content);
                }));
    }

    private static Arbitrary<String> method(Endpoint e) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(e.method())),
                Tuple.of(1, Arbitraries.of(METHODS)));
    }

    /** An id as it is, an odd one, or random text (any characters: the target is percent-encoded after). */
    private static Arbitrary<String> id(List<String> ids) {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ids)), Tuple.of(2, Arbitraries.of(ODD)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }

    private static Arbitrary<String> path(Endpoint e, List<String> ids) {
        Arbitrary<String> withId = id(ids).map(id -> e.path().replace("{id}", id));
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of(ODD),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12));
        return Arbitraries.frequencyOf(
                Tuple.of(6, withId),
                // one more segment
                Tuple.of(1, Combinators.combine(withId, segment).as((p, s) -> p + "/" + s)),
                // a segment replaced
                Tuple.of(1, Combinators.combine(withId, segment, Arbitraries.integers().between(0, 8))
                        .as((p, s, i) -> {
                            String[] parts = p.split("/", -1);
                            int at = 1 + i % Math.max(1, parts.length - 1);
                            if (at < parts.length) {
                                parts[at] = s;
                            }
                            return String.join("/", parts);
                        })),
                // a trailing slash, a doubled one, the case changed
                Tuple.of(1, withId.map(p -> p + "/")),
                Tuple.of(1, withId.map(p -> p.replaceFirst("/", "//"))),
                Tuple.of(1, withId.map(p -> p.toUpperCase(java.util.Locale.ROOT))));
    }

    /** No query, or {@code ?name=value} pairs from odd words, numbers and random text. */
    private static Arbitrary<String> query() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(ODD).map(FuzzRequests::encode),
                Arbitraries.of("address", "length", "frames", "epoch", "after", "since", "format")
                        .map(String::valueOf),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(10).map(FuzzRequests::encode),
                Arbitraries.longs().map(String::valueOf));
        Arbitrary<String> pair = Combinators.combine(word, word).as((k, v) -> k + "=" + v);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, pair.list().ofMinSize(1).ofMaxSize(4).map(l -> "?" + String.join("&", l))));
    }

    /** The headers (Content-Type included: dropped when there is no body), and whether a GET or HEAD has a body. */
    private record Headers(Map<String, String> map, boolean bodyOnGet) {
    }

    private static Arbitrary<Headers> headers(String token) {
        Arbitrary<Token> tokens = Arbitraries.frequency(Tuple.of(6, Token.PRESENT), Tuple.of(2, Token.ABSENT),
                Tuple.of(1, Token.WRONG), Tuple.of(1, Token.EMPTY), Tuple.of(1, Token.NOT_BEARER));
        Arbitrary<Optional<String>> type = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.of(TYPES)), Tuple.of(1, Arbitraries.just("")))
                .map(t -> t.isEmpty() ? Optional.<String>empty() : Optional.of(t));
        Arbitrary<Optional<String>> accept = Arbitraries.of(TYPES).optional(0.2);
        Arbitrary<Optional<String>> control = Arbitraries.oneOf(Arbitraries.of(ODD).map(s -> s.replace('\u00e9', 'e')),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60)).optional(0.2);
        return Combinators.combine(tokens, type, accept, control, Arbitraries.integers().between(0, 9))
                .as((t, ct, acc, ctl, n) -> {
                    Map<String, String> h = new LinkedHashMap<>();
                    String good = token == null ? "test-not-a-token" : token;
                    switch (t) {
                        case PRESENT -> {
                            if (token != null) {
                                h.put("Authorization", "Bearer " + good);
                            }
                        }
                        case WRONG -> h.put("Authorization", "Bearer " + good.substring(0, good.length() - 1) + "X");
                        case EMPTY -> h.put("Authorization", "");
                        case NOT_BEARER -> h.put("Authorization", "Basic " + good);
                        case ABSENT -> {
                        }
                    }
                    ct.ifPresent(v -> h.put("Content-Type", v));
                    acc.ifPresent(v -> h.put("Accept", v));
                    ctl.ifPresent(v -> h.put("Invaders-Control-Token", v));
                    return new Headers(h, n == 0);
                });
    }

    /** No body, or the valid one mutated. */
    static Arbitrary<Optional<String>> body(Endpoint e) {
        return mutations(e.body() == null ? "{}" : e.body()).optional(0.9);
    }

    /** A valid JSON text, as it is or mutated: truncated, characters replaced, a field renamed, ... */
    public static Arbitrary<String> mutations(String valid) {
        int length = valid.length();
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(valid)),
                Tuple.of(2, Arbitraries.integers().between(0, length).map(n -> valid.substring(0, n))),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, Math.max(0, length - 1)),
                                Arbitraries.chars().range(' ', '~'))
                        .as((at, c) -> new int[] {at, c}).list().ofMinSize(1).ofMaxSize(4)
                        .map(edits -> {
                            StringBuilder b = new StringBuilder(valid);
                            for (int[] edit : edits) {
                                if (b.isEmpty()) {
                                    b.append((char) edit[1]);
                                } else {
                                    b.setCharAt(edit[0], (char) edit[1]);
                                }
                            }
                            return b.toString();
                        })),
                Tuple.of(2, Arbitraries.of(OTHER_JSON)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                        .map(b -> new String(b, StandardCharsets.ISO_8859_1))),
                Tuple.of(2, Arbitraries.of("1", "\"x\"", "null", "[]", "{}", "-1", "true", "1.5")
                        .map(v -> valid.replaceFirst("\"[^\"]*\"\\s*:\\s*(\"[^\"]*\"|-?\\d+|true|false|null)",
                                "\"unknown\":" + v))),
                Tuple.of(2, Arbitraries.of("\"x\"", "null", "[]", "{}", "-1", "1e999", "99999999999999999999",
                                "true", "\"\"")
                        .map(v -> valid.replaceFirst("(?<=:)\\s*(\"[^\"]*\"|-?\\d+|true|false|null)", v))),
                Tuple.of(2, Arbitraries.longs().map(n -> valid.replaceAll("(?<=:)\\s*-?\\d+", String.valueOf(n)))),
                Tuple.of(1, Arbitraries.just("")));
    }

    /** Percent-encodes what cannot stand in a request target (keeps the escapes the generator chose). */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '{' || c == '}' || c == '\'' || c == '#') {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
