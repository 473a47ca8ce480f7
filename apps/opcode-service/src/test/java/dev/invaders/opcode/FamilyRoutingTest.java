package dev.invaders.opcode;

import static dev.invaders.opcode.Requests.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.service.ServiceVersion;
import dev.invaders.testsupport.Http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An instance that serves MOV only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "invaders.opcode.families=mov")
class FamilyRoutingTest {
    @LocalServerPort
    int port;

    @Test
    void servesItsFamilyAndSendsTheRestElsewhere() {
        Http http = new Http(port, Http.FILE_TOKEN);
        Http.Response mov = http.post("/api/v1/execute", execute(0x78, "", "\"b\": 7", "", "null")); // MOV A,B
        assertEquals(200, mov.status(), mov.body());
        assertEquals(7, mov.json().get("state").get("a").asInt());
        assertEquals("mov", mov.json().get("family").asString());

        Http.Response add = http.post("/api/v1/execute", execute(0x80, "", "", "", "null")); // ADD B
        assertEquals(421, add.status(), add.body());
        assertTrue(add.contentType().startsWith("application/problem+json"));
        JsonNode p = add.json();
        assertEquals("add", p.get("family").asString());
        assertEquals(128, p.get("opcode").asInt());
        assertEquals(421, p.get("status").asInt());
        assertEquals("0.1.0", add.header(ServiceVersion.HEADER));

        Http.Response scrape = http.get("/actuator/prometheus");
        assertTrue(scrape.body().contains("family=\"mov\""));
        assertTrue(!scrape.body().contains("family=\"add\""), "only served families have timers");
        assertTrue(scrape.body().contains("invaders_opcode_rejected_total{application=\"opcode-service\",status=\"421\"}"));
    }
}
