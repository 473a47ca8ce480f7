package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A problem's {@code instance} is the request's path. Spring MVC takes {@code URI.create} of the raw path when a
 * handler leaves it out, which throws for a path that starts {@code //} ({@code //.} reads as an authority without
 * a host; Jazzer's find): the advice's handler failed, was logged with its stack trace, and Spring's fallback
 * answered instead. The advice names the instance itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemInstanceTest {
    static ConfigurableApplicationContext bus;

    @BeforeAll
    static void start() {
        bus = Apps.start(MemoryBusApplication.class, 0);
    }

    @AfterAll
    static void stop() {
        bus.close();
    }

    @Test
    void aPathThatIsNoURIStillGetsTheAdvicesProblem(CapturedOutput output) throws Exception {
        for (String path : new String[] {"//.", "//", "//x/api/v1/sessions"}) {
            HttpFuzz.Answer a = HttpFuzz.send(Apps.port(bus), HttpFuzz.request("GET", path,
                    Map.of("Authorization", "Bearer " + Apps.TOKEN), null));
            assertThat(a.status()).as(path + " " + a.head() + "\n" + a.body()).isEqualTo(404);
            JsonNode problem = json(a);
            assertThat(problem.path("status").asInt()).as(path).isEqualTo(404);
            assertThat(problem.path("instance").asString()).as(path).startsWith("/").doesNotStartWith("//");
        }
        assertThat(output.getAll()).doesNotContain("Failure in @ExceptionHandler");
    }

    @Test
    void anOrdinaryPathIsTheInstanceAsItIs() throws Exception {
        HttpFuzz.Answer a = HttpFuzz.send(Apps.port(bus), HttpFuzz.request("GET", "/api/v1/nothing",
                Map.of("Authorization", "Bearer " + Apps.TOKEN), null));
        assertThat(a.status()).as(a.body()).isEqualTo(404);
        assertThat(json(a).path("instance").asString()).isEqualTo("/api/v1/nothing");
    }

    /** The problem in a raw answer (its body may be chunked: the JSON object within). */
    private static JsonNode json(HttpFuzz.Answer a) {
        return Http.JSON.readTree(a.body().substring(a.body().indexOf('{'), a.body().lastIndexOf('}') + 1));
    }
}
