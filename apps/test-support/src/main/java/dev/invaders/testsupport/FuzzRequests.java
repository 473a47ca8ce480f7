package dev.invaders.testsupport;

import static dev.invaders.testsupport.Gen.frequency;
import static dev.invaders.testsupport.Gen.weight;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fuzz tests' requests as {@link Gen}s (each service's {@code FuzzTest} runs them with {@link Fuzz#check},
 * sends them with {@link HttpFuzz#send} and judges the answer with {@link HttpFuzz#check}): per request an
 * endpoint of the service, its method (now and then another one), its path ({@code {id}} replaced by an id that
 * exists, an odd one or random text; a segment replaced or one added), a query string, the internal token
 * (present, absent, wrong, empty or not Bearer), a session control token, Content-Type and Accept, and a body
 * mutated from the endpoint's valid one (truncated, characters replaced, a field renamed, numbers replaced, other
 * JSON, random bytes, empty, none).
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

        /** The bytes sent, one char each (ISO-8859-1). */
        public String text() {
            return new String(bytes(), StandardCharsets.ISO_8859_1);
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
            "00000000-0000-0000-0000-000000000000", "%", "a%2", "a;b=%zz", "*", "\\", "//", ".", "actuator");
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
    public static Gen<Request> requests(List<Endpoint> endpoints, List<String> ids, String token) {
        Gen<Endpoint> endpoint = Gen.of(endpoints);
        Gen<String> query = query();
        Gen<Headers> headers = headers(token);
        return r -> {
            Endpoint e = endpoint.next(r);
            String method = method(e).next(r);
            String path = path(e, ids).next(r);
            String q = query.next(r);
            Headers hs = headers.next(r);
            String content = body(e).next(r);
            Map<String, String> h = new LinkedHashMap<>(hs.map());
            // GET and HEAD carry a body now and then only.
            if (("GET".equals(method) || "HEAD".equals(method)) && !hs.bodyOnGet()) {
                content = null;
            }
            if (content == null) {
                h.remove("Content-Type");
            }
            return new Request(method, encode(path) + q, h, content);
        };
    }

    private static Gen<String> method(Endpoint e) {
        return frequency(weight(3, Gen.just(e.method())), weight(1, Gen.of(METHODS)));
    }

    /** An id as it is, an odd one, or random text (any characters: the target is percent-encoded after). */
    private static Gen<String> id(List<String> ids) {
        return frequency(weight(4, Gen.of(ids)), weight(2, Gen.of(ODD)), weight(1, Gen.strings(40)));
    }

    private static Gen<String> path(Endpoint e, List<String> ids) {
        Gen<String> withId = id(ids).map(id -> e.path().replace("{id}", id));
        Gen<String> segment = Gen.oneOf(Gen.of(ODD), Gen.strings(Gen.chars('!', '~'), 12));
        return frequency(
                weight(6, withId),
                // one more segment
                weight(1, r -> withId.next(r) + "/" + segment.next(r)),
                // a segment replaced
                weight(1, r -> {
                    String[] parts = withId.next(r).split("/", -1);
                    String s = segment.next(r);
                    int at = 1 + r.nextInt(0, 9) % Math.max(1, parts.length - 1);
                    if (at < parts.length) {
                        parts[at] = s;
                    }
                    return String.join("/", parts);
                }),
                // a trailing slash, a doubled one, the case changed
                weight(1, withId.map(p -> p + "/")),
                weight(1, withId.map(p -> p.replaceFirst("/", "//"))),
                weight(1, withId.map(p -> p.toUpperCase(Locale.ROOT))));
    }

    /** No query, or {@code ?name=value} pairs from odd words, numbers and random text. */
    private static Gen<String> query() {
        Gen<String> word = Gen.oneOf(Gen.of(ODD).map(FuzzRequests::encode),
                Gen.of("address", "length", "frames", "epoch", "after", "since", "format"),
                Gen.strings(Gen.chars('!', '~'), 10).map(FuzzRequests::encode),
                Gen.longs().map(String::valueOf));
        Gen<String> pair = r -> word.next(r) + "=" + word.next(r);
        return frequency(weight(3, Gen.just("")),
                weight(1, pair.list(1, 4).map(l -> "?" + String.join("&", l))));
    }

    /** The headers (Content-Type included: dropped when there is no body), and whether a GET or HEAD has a body. */
    private record Headers(Map<String, String> map, boolean bodyOnGet) {
    }

    private static Gen<Headers> headers(String token) {
        Gen<Token> tokens = frequency(weight(6, Gen.just(Token.PRESENT)), weight(2, Gen.just(Token.ABSENT)),
                weight(1, Gen.just(Token.WRONG)), weight(1, Gen.just(Token.EMPTY)),
                weight(1, Gen.just(Token.NOT_BEARER)));
        // "": no Content-Type
        Gen<String> type = frequency(weight(4, Gen.just("application/json")), weight(2, Gen.of(TYPES)),
                weight(1, Gen.just("")));
        Gen<String> accept = Gen.of(TYPES).orNull(0.2);
        Gen<String> control = Gen.<String>oneOf(Gen.of(ODD).map(s -> s.replace('\u00e9', 'e')),
                Gen.strings(Gen.chars('!', '~'), 60)).orNull(0.2);
        return r -> {
            Token t = tokens.next(r);
            String ct = type.next(r);
            String acc = accept.next(r);
            String ctl = control.next(r);
            boolean bodyOnGet = r.nextInt(10) == 0;
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
            if (!ct.isEmpty()) {
                h.put("Content-Type", ct);
            }
            if (acc != null) {
                h.put("Accept", acc);
            }
            if (ctl != null) {
                h.put("Invaders-Control-Token", ctl);
            }
            return new Headers(h, bodyOnGet);
        };
    }

    /** No body ({@code null}), or the valid one mutated. */
    static Gen<String> body(Endpoint e) {
        return mutations(e.body() == null ? "{}" : e.body()).orNull(0.9);
    }

    /** A valid JSON text, as it is or mutated: truncated, characters replaced, a field renamed, ... */
    public static Gen<String> mutations(String valid) {
        int length = valid.length();
        Gen<int[]> edit = r -> new int[] {r.nextInt(0, Math.max(1, length)), r.nextInt(' ', '~' + 1)};
        return frequency(
                weight(3, Gen.just(valid)),
                weight(2, Gen.between(0, length).map(n -> valid.substring(0, n))),
                weight(3, edit.list(1, 4).map(edits -> {
                    StringBuilder b = new StringBuilder(valid);
                    for (int[] at : edits) {
                        if (b.isEmpty()) {
                            b.append((char) at[1]);
                        } else {
                            b.setCharAt(at[0], (char) at[1]);
                        }
                    }
                    return b.toString();
                })),
                weight(2, Gen.of(OTHER_JSON)),
                weight(1, Gen.bytes(200).map(b -> new String(b, StandardCharsets.ISO_8859_1))),
                weight(2, Gen.of("1", "\"x\"", "null", "[]", "{}", "-1", "true", "1.5")
                        .map(v -> valid.replaceFirst("\"[^\"]*\"\\s*:\\s*(\"[^\"]*\"|-?\\d+|true|false|null)",
                                "\"unknown\":" + v))),
                weight(2, Gen.of("\"x\"", "null", "[]", "{}", "-1", "1e999", "99999999999999999999", "true", "\"\"")
                        .map(v -> valid.replaceFirst("(?<=:)\\s*(\"[^\"]*\"|-?\\d+|true|false|null)", v))),
                weight(2, Gen.longs().map(n -> valid.replaceAll("(?<=:)\\s*-?\\d+", String.valueOf(n)))),
                weight(1, Gen.just("")));
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
