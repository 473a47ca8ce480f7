package dev.invaders.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for the tests: JSON in, status, headers and JSON out. It signs every request with its
 * internal token (if it has one) unless the request carries its own Authorization, and keeps the control tokens
 * of the sessions it creates, as a player's client does.
 */
public final class Http {
    /**
     * The internal token of the services configured by a src/test/resources/config/application.properties
     * (memory-bus, opcode-service) rather than started by {@link Apps}.
     */
    public static final String FILE_TOKEN = "test-internal-token-0123456789";

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** HTTP/1.1, five seconds to connect. */
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The control tokens of the sessions created through any client here (id to token): sent with every request
     * that changes one of them unless the request has its own.
     */
    public static final Map<String, String> CONTROL = new ConcurrentHashMap<>();
    private static final Pattern SESSION_PATH = Pattern.compile("/api/v1/sessions/([^/?]+)(/[^?]*)?");
    private static final String CONTROL_HEADER = "Invaders-Control-Token";

    /** A response: the status and the raw answer (its body read as text). */
    public record Response(int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The Content-Type, "" when there is none. */
        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    private final String base;
    private final String token;
    private final HttpClient client;

    /** Requests to base (scheme, host and port) signed with token; null: sent as built. Through {@link #CLIENT}. */
    public Http(String base, String token) {
        this(base, token, CLIENT);
    }

    /** The same through another client (another HTTP version, say). */
    public Http(String base, String token, HttpClient client) {
        this.base = base;
        this.token = token;
        this.client = client;
    }

    /** Requests to 127.0.0.1 on this port signed with token. */
    public Http(int port, String token) {
        this("http://127.0.0.1:" + port, token);
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** A request to path with Content-Type application/json. */
    public HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response head(String path) {
        return send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** A JSON body: a String as it is, anything else written as JSON. */
    public Response post(String path, Object body) {
        return send(json(path).POST(publisher(body)));
    }

    public Response put(String path, Object body) {
        return send(json(path).PUT(publisher(body)));
    }

    /** A body sent without Content-Length (chunked). */
    public Response postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(json(path).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /** A GET whose body is read as it arrives (the frames stream); the caller closes the stream. */
    public HttpResponse<InputStream> stream(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return call(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public Response send(HttpRequest request) {
        return send(HttpRequest.newBuilder(request, (n, v) -> true));
    }

    public Response send(HttpRequest.Builder request) {
        return send(request, true);
    }

    /** Sends without adding the internal token (a stranger's request). */
    public Response sendAnonymous(HttpRequest.Builder request) {
        return send(request, false);
    }

    private Response send(HttpRequest.Builder b, boolean signed) {
        HttpRequest request = b.timeout(Duration.ofSeconds(30)).build();
        if (signed && token != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (n, v) -> true).header("Authorization", "Bearer " + token).build();
        }
        Matcher m = SESSION_PATH.matcher(request.uri().getRawPath());
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method()) && m.matches()
                && CONTROL.containsKey(m.group(1)) && request.headers().firstValue(CONTROL_HEADER).isEmpty()) {
            request = HttpRequest.newBuilder(request, (n, v) -> true).header(CONTROL_HEADER, CONTROL.get(m.group(1)))
                    .build();
        }
        HttpResponse<String> r = call(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201 && "POST".equals(request.method())
                && request.uri().getRawPath().equals("/api/v1/sessions") && !r.body().isBlank()) {
            JsonNode created = JSON.readTree(r.body());
            if (created.path("controlToken").isString()) {
                CONTROL.put(created.path("id").asString(), created.path("controlToken").asString());
            }
        }
        return new Response(r.statusCode(), r);
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    public static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
