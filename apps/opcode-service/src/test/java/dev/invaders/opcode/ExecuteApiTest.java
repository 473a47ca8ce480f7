package dev.invaders.opcode;

import static dev.invaders.opcode.Requests.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.service.ServiceVersion;
import dev.invaders.testsupport.Http;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The service over real HTTP, serving every family. Expected values are worked out by hand. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecuteApiTest {
    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, Http.FILE_TOKEN);
    }

    private Http.Response ok(String body) {
        Http.Response answer = http.post("/api/v1/execute", body);
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertEquals("0.1.0", answer.header(ServiceVersion.HEADER));
        return answer;
    }

    private JsonNode problem(int status, String body, String detailPart) {
        Http.Response answer = http.post("/api/v1/execute", body);
        return problem(answer, status, detailPart);
    }

    private static JsonNode problem(Http.Response answer, int status, String detailPart) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertNotNull(answer.header(ServiceVersion.HEADER), "version header on a problem");
        JsonNode p = answer.json();
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("detail").asString().contains(detailPart), p.get("detail").asString());
        assertFalse(answer.body().contains("at dev.") || answer.body().contains("Exception"), answer.body());
        return p;
    }

    @Test
    void addWithFlags() {
        // ADD B: 0x8F + 0x71 = 0x100 -> A 0, carry, aux carry, zero, parity even.
        JsonNode r = ok(execute(0x80, "", "\"a\": 143, \"b\": 113, \"cycles\": 100", "", "null")).json();
        JsonNode s = r.get("state");
        assertEquals(0, s.get("a").asInt());
        assertEquals(257, s.get("programCounter").asInt());
        assertEquals(104, s.get("cycles").asLong());
        JsonNode f = s.get("flags");
        assertTrue(f.get("zero").asBoolean() && f.get("carry").asBoolean() && f.get("auxCarry").asBoolean()
                && f.get("parity").asBoolean() && !f.get("sign").asBoolean(), f.toString());
        assertEquals(4, r.get("cycles").asInt());
        assertEquals("add", r.get("family").asString());
        assertEquals("0.1.0", r.get("version").asString());
        assertTrue(r.get("out").isNull());
        assertEquals(0, r.get("writes").size());
    }

    @Test
    void callWritesTheReturnAddressAndIsRetrySafe() {
        // The contract's example: CALL 0x1000 at 0x0100, SP 0x2400.
        String body = execute(0xCD, "0, 16", "", "", "null");
        Http.Response first = ok(body);
        JsonNode r = first.json();
        assertEquals(0x1000, r.get("state").get("programCounter").asInt());
        assertEquals(9214, r.get("state").get("stackPointer").asInt());
        assertEquals(Http.JSON.readTree("[{\"address\": 9214, \"value\": 3}, {\"address\": 9215, \"value\": 1}]"),
                r.get("writes"));
        assertEquals(17, r.get("cycles").asInt());
        assertEquals("call", r.get("family").asString());
        assertEquals(first.body(), ok(body).body(), "the same request twice gives the same answer");
    }

    @Test
    void ldaReadsMemory() {
        JsonNode r = ok(execute(0x3A, "192, 32", "", "{\"address\": 8384, \"value\": 90}", "null")).json();
        assertEquals(90, r.get("state").get("a").asInt());
        assertEquals(259, r.get("state").get("programCounter").asInt());
    }

    @Test
    void outAndIn() {
        JsonNode out = ok(execute(0xD3, "3", "\"a\": 66", "", "null")).json();
        assertEquals(Http.JSON.readTree("{\"port\": 3, \"value\": 66}"), out.get("out"));
        JsonNode in = ok(execute(0xDB, "1", "", "", "{\"value\": 153}")).json();
        assertEquals(153, in.get("state").get("a").asInt());
        assertTrue(in.get("out").isNull());
    }

    @Test
    void operandsAndMemoryMayBeLeftOutWhenEmpty() {
        String body = "{\"opcode\": 0, \"state\": {" + Requests.state("") + "}}";
        assertEquals(257, ok(body).json().get("state").get("programCounter").asInt());
    }

    @Test
    void badInputIs400WithAProblem() {
        problem(400, "{\"opcode\": 0, \"state\": ", "malformed JSON");
        problem(400, "", "missing");
        problem(400, "[1, 2]", "the body");
        problem(400, execute(0x80, "", "\"a\": 256", "", "null"), "state.a must be a byte");
        problem(400, execute(0x80, "", "\"stackPointer\": 65536", "", "null"), "state.stackPointer must be 0-65535");
        problem(400, execute(0x80, "", "\"a\": -1", "", "null"), "state.a must be a byte");
        problem(400, execute(0x80, "", "\"a\": \"5\"", "", "null"), "state.a must be an integer");
        problem(400, execute(0x80, "", "\"a\": 1.5", "", "null"), "state.a must be an integer");
        problem(400, execute(0x80, "", "\"a\": 99999999999", "", "null"), "out of range");
        problem(400, execute(0x80, "", "\"interruptsEnabled\": 1", "", "null"), "state.interruptsEnabled must be true");
        problem(400, execute(0x80, "", "\"halted\": true", "", "null"), "halted");
        problem(400, execute(300, "", "", "", "null"), "opcode must be a byte");
        problem(400, execute(0xCD, "1", "", "", "null"), "takes 2 operand bytes, not 1");
        problem(400, execute(0x06, "256", "", "", "null"), "operand 1 must be a byte");
        problem(400, execute(0x3A, "0, 48", "", "", "null"), "reads memory at 12288: its byte is missing");
        problem(400, execute(0x00, "", "", "{\"address\": 5, \"value\": 1}", "null"), "does not read memory at 5");
        problem(400, execute(0x3A, "0, 48", "", "{\"address\": 12288, \"value\": 300}", "null"), "must be 0-255");
        problem(400, execute(0x3A, "0, 48", "",
                "{\"address\": 12288, \"value\": 1}, {\"address\": 12288, \"value\": 1}", "null"), "more than once");
        problem(400, execute(0xDB, "1", "", "", "null"), "the port value is missing");
        problem(400, execute(0xD3, "1", "", "", "{\"value\": 1}"), "given only for IN");
        problem(400, "{\"opcode\": 0, \"id\": \"x\", \"state\": {" + Requests.state("") + "}}", "unknown member id");
        problem(400, execute(0x80, "", "\"flags\": {\"sign\": true}", "", "null"), "state.flags.zero is missing");
        String noA = "{\"opcode\": 0, \"state\": {" + Requests.state("").replace("\"a\": 0, ", "") + "}}";
        problem(400, noA, "state.a is missing");
        problem(400, "{\"state\": {" + Requests.state("") + "}}", "opcode is missing");
        // The server keeps serving after all that.
        ok(execute(0, "", "", "", "null"));
    }

    @Test
    void wrongMethodPathAndMediaTypeAreProblemsToo() {
        problem(http.get("/api/v1/execute"), 405, "");
        problem(http.get("/api/v1/nothing"), 404, "");
        Http.Response text = http.send(HttpRequest.newBuilder(http.uri("/api/v1/execute"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")).build());
        problem(text, 415, "");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = execute(0, "", "", "", "null") + " ".repeat(17 * 1024);
        problem(http.post("/api/v1/execute", big), 413, "larger than 16384 bytes");
        problem(http.postChunked("/api/v1/execute", big), 413, "larger than 16384 bytes");
        // A chunked body under the limit is served.
        assertEquals(200, http.postChunked("/api/v1/execute", execute(0, "", "", "", "null")).status());
    }

    @Test
    void probesMetricsVersionAndContract() {
        Http.Response live = http.get("/actuator/health/liveness");
        assertEquals(200, live.status());
        assertEquals("UP", live.json().get("status").asString());
        assertNotNull(live.header(ServiceVersion.HEADER));
        Http.Response ready = http.get("/actuator/health/readiness");
        assertEquals(200, ready.status());
        assertEquals("UP", ready.json().get("status").asString());

        ok(execute(0x80, "", "", "", "null"));
        http.post("/api/v1/execute", execute(0x80, "", "\"a\": 999", "", "null"));
        Http.Response scrape = http.get("/actuator/prometheus");
        assertEquals(200, scrape.status());
        assertTrue(scrape.body().contains("invaders_opcode_executions_seconds_bucket{application=\"opcode-service\","
                + "family=\"add\""), "family timer with a histogram");
        assertTrue(scrape.body().contains("invaders_opcode_executions_seconds_count{application=\"opcode-service\","
                + "family=\"mov\"} 0"), "every served family's timer, before its first call");
        assertTrue(scrape.body().contains("invaders_opcode_rejected_total{application=\"opcode-service\","
                + "status=\"400\"}"), "rejections counted");
        assertTrue(scrape.body().contains("outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/execute\"}"),
                "the platform's call metric, for answers of the fast path too");

        Http.Response openapi = http.get("/openapi.yaml");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().startsWith("openapi: 3.1"));
        assertNotNull(openapi.header(ServiceVersion.HEADER));
    }
}
