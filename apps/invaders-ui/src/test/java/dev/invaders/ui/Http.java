package dev.invaders.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small test client. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, Object body) {
        return post(path, JSON.writeValueAsString(body));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /**
     * The control tokens of the sessions this client created (id to token), as a player's client keeps them: sent
     * with every request that changes one of them unless the request has its own.
     */
    static final java.util.Map<String, String> CONTROL = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SESSION_PATH =
            java.util.regex.Pattern.compile("/api/v1/sessions/([^/?]+)(/[^?]*)?");

    Response send(HttpRequest.Builder b) {
        try {
            HttpRequest request = b.timeout(Duration.ofSeconds(30)).build();
            java.util.regex.Matcher m = SESSION_PATH.matcher(request.uri().getRawPath());
            if (!"GET".equals(request.method()) && !"HEAD".equals(request.method()) && m.matches()
                    && CONTROL.containsKey(m.group(1))
                    && request.headers().firstValue("Invaders-Control-Token").isEmpty()) {
                request = HttpRequest.newBuilder(request, (n, v) -> true)
                        .header("Invaders-Control-Token", CONTROL.get(m.group(1))).build();
            }
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201 && "POST".equals(request.method())
                    && request.uri().getRawPath().equals("/api/v1/sessions")) {
                JsonNode created = JSON.readTree(r.body());
                if (created.path("controlToken").isString()) {
                    CONTROL.put(created.path("id").asString(), created.path("controlToken").asString());
                }
            }
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
