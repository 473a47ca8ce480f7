package dev.invaders.memorybus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the tests: JSON in, status, headers and JSON out. */
final class Http {

    /** The internal token of src/test/resources/config/application.properties. */
    static final String TOKEN = "test-internal-token-0123456789";

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Response put(String path, Object body) {
        return send(json(path).PUT(publisher(body)));
    }

    Response post(String path, Object body) {
        return send(json(path).POST(publisher(body)));
    }

    /** A body sent without Content-Length (chunked). */
    Response postChunked(String path, String body) {
        return send(json(path).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes()))));
    }

    Response send(HttpRequest.Builder request) {
        return send(request, true);
    }

    /** Sends without adding the internal token (a stranger's request). */
    Response sendAnonymous(HttpRequest.Builder request) {
        return send(request, false);
    }

    private Response send(HttpRequest.Builder request, boolean signed) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            if (signed && built.headers().firstValue("Authorization").isEmpty()) {
                built = HttpRequest.newBuilder(built, (n, v) -> true).header("Authorization", "Bearer " + TOKEN).build();
            }
            HttpResponse<String> r = client.send(built,
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
