package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The memory bus refuses (503) or drops (the connection closed, no answer) a session's first checkpoint and
 * takes the next: the checkpoint lands on the bus and the session's view has no {@code checkpointError} after.
 * Between fetch-execute and a real memory bus sits a forwarding proxy that spoils the first checkpoint PUT.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class CheckpointRetryTest {

    @ParameterizedTest
    @ValueSource(strings = {"refuse", "close"})
    void theFirstCheckpointFailsTheNextLandsAndTheErrorIsCleared(String failure) throws Exception {
        List<String> checkpointPuts = new CopyOnWriteArrayList<>();
        AtomicBoolean spoiled = new AtomicBoolean();
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            proxy.createContext("/", exchange -> {
                boolean checkpoint = "PUT".equals(exchange.getRequestMethod())
                        && exchange.getRequestURI().getPath().endsWith("/checkpoint");
                if (checkpoint && spoiled.compareAndSet(false, true)) {
                    checkpointPuts.add(failure);
                    exchange.getRequestBody().readAllBytes();
                    if (failure.equals("refuse")) {
                        answer(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
                        return;
                    }
                    // An exception in the handler: the server closes the connection without an answer.
                    throw new IOException("dropped on purpose");
                }
                forward(exchange, Apps.url(bus), checkpoint ? checkpointPuts : null);
            });
            proxy.start();
            try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                    "--invaders.cpu.memory-bus-url=http://127.0.0.1:" + proxy.getAddress().getPort(),
                    "--invaders.cpu.routes.default=local", "--invaders.cpu.memory-bus-timeout=2s",
                    "--invaders.cpu.checkpoint-interval=0s", "--invaders.cpu.checkpoint-frames=1000000")) {
                Http api = new Http(Apps.url(cpu), Apps.TOKEN);
                String id = ServicesTest.create(api, ServicesTest.invaders("local", 216000));
                Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
                await("the checkpoint on the memory bus").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> busApi.get("/api/v1/sessions/" + id + "/checkpoint").status() == 200);
                JsonNode view = await("no checkpointError in the view").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> api.get("/api/v1/sessions/" + id).json(),
                                v -> v.path("checkpointError").isNull() || v.path("checkpointError").isMissingNode());
                assertThat(view.get("status").asString()).isEqualTo("running");
                assertThat(checkpointPuts).as("the spoiled attempt, then the one that landed")
                        .containsExactly(failure, "201");
                assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
            } finally {
                proxy.stop(0);
            }
        }
    }

    private static void forward(HttpExchange exchange, String base, List<String> statuses) throws IOException {
        try (exchange) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10));
            for (String name : List.of("Authorization", "Content-Type")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    b.header(name, value);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            b.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (statuses != null) {
                statuses.add(String.valueOf(r.statusCode()));
            }
            r.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
