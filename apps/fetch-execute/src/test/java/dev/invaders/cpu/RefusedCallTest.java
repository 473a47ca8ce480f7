package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import dev.invaders.wire.ExecuteJson;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A 400 from an opcode service is retried once (a service shutting down can refuse a request its closing
 * connection cut short); a second 400 for the same call fails the session with the service's answer.
 */
@Timeout(120)
class RefusedCallTest {
    /** MVI C,9; LXI D,MSG; CALL 5 (print); JMP 0 (warm boot: the end); MSG: "OK$". */
    static final byte[] PRINT_OK = {0x0E, 0x09, 0x11, 0x0B, 0x01, (byte) 0xCD, 0x05, 0x00, (byte) 0xC3, 0x00, 0x00,
            'O', 'K', '$'};

    /** A fake opcode service that answers 400 to the calls {@code refuse} picks (by their number from 1) and
     *  executes the others with the core, as the real one does. */
    static HttpServer fake(IntPredicate refuse, AtomicInteger calls) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/execute", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer;
            int status;
            if (refuse.test(calls.incrementAndGet())) {
                status = 400;
                answer = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            } else {
                status = 200;
                ExecuteRequest request = ExecuteJson.readRequest(body, body.length);
                answer = ExecuteJson.answer(Execution.execute(request),
                        OpcodeTable.get(request.opcode()).family().serviceName(), "fake-1");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    static JsonNode run(HttpServer server) throws Exception {
        try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=http://127.0.0.1:" + server.getAddress().getPort(),
                "--invaders.cpu.retry-backoff=5ms")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            String id = ServicesTest.create(api, ServicesTest.cpm("strict", PRINT_OK));
            return ServicesTest.await(api, id, Duration.ofSeconds(60));
        }
    }

    @Test
    void oneRefusalIsRetriedAndTheRunEndsAsInLocalMode() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = fake(n -> n == 3, calls);
        try {
            JsonNode s = run(server);
            assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
            assertThat(s.get("console").asString()).isEqualTo("OK");
            assertThat(calls.get()).as("every instruction once, the refused one twice")
                    .isEqualTo(s.get("instructions").asInt() + 1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSecondRefusalOfTheSameCallFailsTheSession() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = fake(n -> n >= 3, calls);
        try {
            JsonNode s = run(server);
            assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("failed");
            assertThat(s.get("error").asString()).contains("refused opcode").contains("HTTP 400");
            assertThat(calls.get()).as("two calls, one retry, for the refused instruction").isEqualTo(4);
        } finally {
            server.stop(0);
        }
    }
}
