package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.testsupport.Http;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The execute API answers only callers with the internal token, fast path included; probes stay open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalAuthTest {
    @LocalServerPort
    int port;

    private Http.Response execute(String authorization) {
        Http http = new Http(port, Http.FILE_TOKEN);
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri("/api/v1/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.execute(0, "", "", "", "null")));
        b.header("Authorization", authorization);
        return http.send(b.build());
    }

    @Test
    void aPlainlyRightRequestWithoutTheRightTokenIsRefused() {
        for (String wrong : new String[] {"Bearer wrong-token-wrong-token", "Bearer", "Bearer  ",
                "Token " + Http.FILE_TOKEN, "Bearer " + Http.FILE_TOKEN.substring(1)}) {
            Http.Response a = execute(wrong);
            assertEquals(401, a.status(), wrong + ": " + a.body());
            assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
            assertTrue(a.body().contains("\"title\":\"Unauthorized\""), a.body());
        }
        assertEquals(200, execute("Bearer " + Http.FILE_TOKEN).status());
        assertEquals(200, execute("bearer " + Http.FILE_TOKEN).status());
    }

    @Test
    void probesNeedNoToken() throws Exception {
        Http http = new Http(port, Http.FILE_TOKEN);
        var r = Http.CLIENT.send(HttpRequest.newBuilder(http.uri("/actuator/health/readiness")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }
}
