package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.testsupport.Http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The execute example of docs/services.md, request and answer, taken from the document and run. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocExampleTest {
    @LocalServerPort
    int port;

    @Test
    void theExecuteExampleInTheServicesDocWorksAsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../../docs/services.md"));
        String section = doc.substring(doc.indexOf("### `POST /api/v1/execute`"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (blocks.size() < 2 && m.find()) {
            blocks.add(m.group(1));
        }
        Http.Response answer = new Http(port, Http.FILE_TOKEN).post("/api/v1/execute", blocks.get(0));
        assertEquals(200, answer.status(), answer.body());
        JsonNode got = Http.JSON.readTree(answer.body());
        JsonNode documented = Http.JSON.readTree(blocks.get(1));
        for (String member : new String[] {"writes", "out", "cycles", "family"}) {
            JsonNode want = documented.path(member);
            JsonNode have = got.path(member);
            if (want.isNull() || want.isMissingNode()) {
                org.junit.jupiter.api.Assertions.assertTrue(have.isNull() || have.isMissingNode(), member);
            } else {
                assertEquals(want, have, member + " in " + answer.body());
            }
        }
        JsonNode request = Http.JSON.readTree(blocks.get(0));
        assertEquals(documented.get("version").asString(), got.get("version").asString());
        assertEquals(request.get("state").get("stackPointer").asInt() - 2, got.get("state").get("stackPointer").asInt());
        assertEquals(request.get("operands").get(0).asInt() | request.get("operands").get(1).asInt() << 8,
                got.get("state").get("programCounter").asInt());
    }
}
