package dev.invaders.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The public session API (/api/v1/sessions) through the JDK's HttpClient; every failure is counted. */
public final class Api {
    /** The header that carries a session's control token, when its creation answered one. */
    public static final String TOKEN_HEADER = "Invaders-Control-Token";

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI base;
    private final HttpClient http;
    final AtomicLong errors = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    private volatile String lastError = "";

    public Api(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public String lastError() {
        return lastError;
    }

    public Response post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header(TOKEN_HEADER, token);
        return send(b.build());
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Response delete(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).DELETE();
        if (token != null) b.header(TOKEN_HEADER, token);
        return send(b.build());
    }

    /** A GET of any absolute URL (the metrics endpoints), not counted as an API error. */
    public String getText(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    private Response send(HttpRequest req) throws IOException, InterruptedException {
        requests.incrementAndGet();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 500 || r.statusCode() == 429) {
                errors.incrementAndGet();
                lastError = req.method() + " " + req.uri().getPath() + ": " + r.statusCode();
            }
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            errors.incrementAndGet();
            lastError = req.method() + " " + req.uri().getPath() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw e;
        }
    }
}
