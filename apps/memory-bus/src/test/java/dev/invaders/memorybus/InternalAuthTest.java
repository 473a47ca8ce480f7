package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Http;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Only callers with the internal token reach the bus: a stranger can neither read nor rewrite a session. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.structured.format.console=")
class InternalAuthTest {
    private static final String WRITES = "{\"epoch\":999,\"writes\":[{\"address\":9216,\"value\":255}]}";

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, Http.FILE_TOKEN);
    }

    private Http.Response as(String authorization, HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAnonymous(request);
    }

    private static void unauthorized(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(r.json().get("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void aWriteWithoutTheTokenIsRefusedAndChangesNothing() {
        String id = "auth-victim";
        assertThat(http.put("/api/v1/sessions/" + id + "/memory",
                java.util.Map.of("image", Http.b64(new byte[65536]))).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/sessions/" + id + "/claim", "").status()).isEqualTo(200);
        String path = "/api/v1/sessions/" + id + "/memory/writes";
        unauthorized(as(null, http.json(path).POST(HttpRequest.BodyPublishers.ofString(WRITES))));
        unauthorized(as("Bearer not-the-token-at-all!", http.json(path).POST(HttpRequest.BodyPublishers.ofString(WRITES))));
        unauthorized(as("Basic " + Http.FILE_TOKEN, http.json(path).POST(HttpRequest.BodyPublishers.ofString(WRITES))));
        unauthorized(as("Bearer " + Http.FILE_TOKEN + "x",
                http.json(path).POST(HttpRequest.BodyPublishers.ofString(WRITES))));
        unauthorized(as(null, HttpRequest.newBuilder(http.uri("/api/v1/sessions")).GET()));
        unauthorized(as(null, HttpRequest.newBuilder(http.uri("/api/v1/sessions/" + id)).DELETE()));
        unauthorized(as(null, http.json("/api/v1/sessions/" + id + "/claim").POST(HttpRequest.BodyPublishers.noBody())));
        // The real owner's epoch still holds: nothing above took the session over or deleted it.
        assertThat(http.get("/api/v1/sessions").body()).contains("\"" + id + "\"");
        assertThat(http.post(path, "{\"epoch\":1,\"writes\":[{\"address\":9216,\"value\":1}]}").status())
                .isEqualTo(200);
        assertThat(http.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
    }

    @Test
    void probesAndScrapesNeedNoToken() {
        assertThat(as(null, HttpRequest.newBuilder(http.uri("/actuator/health/readiness")).GET()).status())
                .isEqualTo(200);
        assertThat(as(null, HttpRequest.newBuilder(http.uri("/actuator/prometheus")).GET()).status())
                .isEqualTo(200);
    }
}
