package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.wire.ExecuteJson;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.service.ServiceVersion;
import dev.invaders.testsupport.Http;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path answers exactly what the controller answers: the same requests go to this service (fast
 * path on) and to a second one with {@code invaders.opcode.fast-path=false}, and status, media type,
 * version header and body must agree byte for byte, for valid requests of every opcode and for every kind
 * of bad one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FastPathTest {
    static ConfigurableApplicationContext plain;
    static Http plainHttp;

    @LocalServerPort
    int port;
    @Autowired
    FilterRegistrationBean<ExecuteFastPath> fastPath;
    @Autowired
    JsonMapper json;

    @BeforeAll
    static void startThePlainService() {
        plain = new SpringApplicationBuilder(OpcodeServiceApplication.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--invaders.opcode.fast-path=false", "--spring.jmx.enabled=false");
        plainHttp = new Http(Integer.parseInt(plain.getEnvironment().getProperty("local.server.port")),
                Http.FILE_TOKEN);
    }

    @AfterAll
    static void stop() {
        plain.close();
    }

    private void same(HttpRequest.Builder request, String why) {
        Http fast = new Http(port, Http.FILE_TOKEN);
        Http.Response a = fast.send(request.uri(fast.uri("/api/v1/execute")).build());
        Http.Response b = plainHttp.send(request.uri(plainHttp.uri("/api/v1/execute")).build());
        assertEquals(b.status(), a.status(), why + ": " + a.body());
        assertEquals(b.contentType(), a.contentType(), why);
        assertEquals(b.header(ServiceVersion.HEADER), a.header(ServiceVersion.HEADER), why);
        assertEquals(b.body(), a.body(), why);
    }

    private void same(String body, String why) {
        same(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), why);
    }

    private static ExecuteRequest randomRequest(Random r, int opcode) {
        Opcode op = OpcodeTable.get(opcode);
        List<Integer> operands = new ArrayList<>();
        for (int i = 1; i < op.length(); i++) {
            operands.add(r.nextInt(256));
        }
        CpuState s = new CpuState(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(65536), r.nextInt(65536), r.nextInt(256), r.nextBoolean(),
                false, r.nextLong(1L << 40));
        byte[] memory = new byte[65536];
        r.nextBytes(memory);
        memory[s.pc()] = (byte) opcode;
        for (int i = 0; i < operands.size(); i++) {
            memory[(s.pc() + 1 + i) & 0xFFFF] = operands.get(i).byteValue();
        }
        Integer port = op.reads().contains(Access.PORT) ? r.nextInt(256) : null;
        return ExecuteRequest.fromMemory(opcode, operands, s, a -> memory[a], port);
    }

    @Test
    void everyOpcodeAnswersAsTheControllerDoes() {
        ExecuteFastPath filter = fastPath.getFilter();
        long before = filter.answered();
        Random r = new Random(42);
        int n = 0;
        for (int opcode = 0; opcode < 256; opcode++) {
            for (int i = 0; i < 3; i++) {
                String body = new String(ExecuteJson.request(randomRequest(r, opcode)), StandardCharsets.UTF_8);
                same(body, body);
                n++;
            }
        }
        assertEquals(n, filter.answered() - before, "every valid request took the fast path");
    }

    @Test
    void badRequestsGetTheControllersProblems() {
        ExecuteFastPath filter = fastPath.getFilter();
        long answered = filter.answered();
        long passed = filter.passed();
        List<String> bodies = new ArrayList<>(List.of("{\"opcode\": 0, \"state\": ", "", "[1, 2]", "{}", "null",
                "{\"opcode\": 0, \"id\": \"x\", \"state\": {" + Requests.state("") + "}}",
                "{\"state\": {" + Requests.state("") + "}}", "{\"opcode\": 0, \"state\": null}",
                "{\"opcode\": 0, \"opcode\": 0, \"state\": {" + Requests.state("") + "}}",
                "{\"opcode\": 0, \"state\": {" + Requests.state("").replace("\"a\": 0, ", "") + "}}",
                "{\"opcode\": -0, \"state\": {" + Requests.state("") + "}}"));
        String[][] cases = {
                {"128", "", "\"a\": 256", "", "null"}, {"128", "", "\"stackPointer\": 65536", "", "null"},
                {"128", "", "\"a\": -1", "", "null"}, {"128", "", "\"a\": \"5\"", "", "null"},
                {"128", "", "\"a\": 1.5", "", "null"}, {"128", "", "\"a\": 99999999999", "", "null"},
                {"128", "", "\"a\": 05", "", "null"}, {"128", "", "\"cycles\": -1", "", "null"},
                {"128", "", "\"interruptsEnabled\": 1", "", "null"}, {"128", "", "\"halted\": true", "", "null"},
                {"128", "", "\"flags\": {\"sign\": true}", "", "null"},
                {"300", "", "", "", "null"}, {"205", "1", "", "", "null"}, {"6", "256", "", "", "null"},
                {"6", "null", "", "", "null"}, {"58", "0, 48", "", "", "null"},
                {"0", "", "", "{\"address\": 5, \"value\": 1}", "null"},
                {"58", "0, 48", "", "{\"address\": 12288, \"value\": 300}", "null"},
                {"58", "0, 48", "", "{\"address\": 12288, \"value\": 1}, {\"address\": 12288, \"value\": 1}", "null"},
                {"58", "0, 1", "", "{\"address\": 256, \"value\": 1}", "null"},
                {"219", "1", "", "", "null"}, {"219", "1", "", "", "{}"}, {"211", "1", "", "", "{\"value\": 1}"},
                {"219", "1", "", "", "{\"value\": 256}"}, {"0", "", "", "null", "null"}};
        for (String[] c : cases) {
            bodies.add(Requests.execute(Integer.parseInt(c[0]), c[1], c[2], c[3], c[4]));
        }
        for (String body : bodies) {
            same(body, body);
        }
        same(HttpRequest.newBuilder().header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.execute(0, "", "", "", "null"))), "text/plain");
        same(HttpRequest.newBuilder().header("Content-Type", "application/json").header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.execute(0, "", "", "",
                        "null"))), "Accept: text/plain");
        same(HttpRequest.newBuilder().header("Content-Type", "application/json; charset=UTF-16")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.execute(0, "", "", "", "null"),
                        StandardCharsets.UTF_16)), "UTF-16");
        same(HttpRequest.newBuilder().GET(), "GET");
        assertEquals(answered, filter.answered(), "no bad request was answered by the fast path");
        assertTrue(filter.passed() - passed >= bodies.size(), "each was passed on to the controller");
    }

    @Test
    void plainVariantsTakeTheFastPathAndAgreeToo() {
        ExecuteFastPath filter = fastPath.getFilter();
        long before = filter.answered();
        List<String> bodies = List.of(Requests.execute(0x80, "", "\"a\": 143, \"b\": 113", "", "null"),
                "{\"opcode\": 0, \"state\": {" + Requests.state("\"halted\": null") + "}, \"operands\": null,"
                        + " \"memory\": null}",
                Requests.execute(0xDB, "1", "", "", "{\"value\": 153}"), Requests.execute(0xD3, "3", "\"a\": 66", "",
                        "null"));
        for (String body : bodies) {
            same(body, body);
        }
        same(HttpRequest.newBuilder().header("Content-Type", "application/json;charset=UTF-8").header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.getFirst())), "charset and */*");
        assertEquals(bodies.size() + 1, filter.answered() - before);
    }

    @Test
    void theAnswerIsJacksonsBytes() {
        ExecuteResult r = Execution.execute(new ExecuteRequest(0xD3, List.of(7), new CpuState(66, 0, 0, 0, 0, 0, 0,
                9216, 65535, 0xFF, true, false, Long.MAX_VALUE - 10), Map.of(), null));
        for (String version : List.of("0.1.0", "a\"b\\c/d\n\r\t\b\f\u0001\u001f\u007fé€😀")) {
            assertEquals(json.writeValueAsString(ExecuteResponseJson.of(r, "out", version)),
                    new String(ExecuteJson.answer(r, "out", version), StandardCharsets.UTF_8), version);
        }
    }
}
