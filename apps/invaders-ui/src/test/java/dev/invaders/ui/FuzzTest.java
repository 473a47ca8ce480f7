package dev.invaders.ui;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The public front door fuzzed (a fixed seed, 150 requests per endpoint, the CPU service a fake): never a 5xx,
 * an error is a problem, the UI answers its health check after; Tomcat's own refusals are problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext cpu;
    static ConfigurableApplicationContext ui;

    @BeforeAll
    static void start() throws Exception {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=4",
                "--invaders.cpu.version-check-interval=0s", "--invaders.cpu.default-stop-after-frames=10",
                "--invaders.cpu.max-stop-after-frames=50");
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + Apps.url(cpu));
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(ui), "/api/v1/sessions");
    }

    @Test
    void noRequestGetsA5xx() throws Exception {
        Http api = new Http(Apps.url(ui), null);
        String id = api.post("/api/v1/sessions", Map.of("machine", "invaders", "rom", "demo", "mode", "local",
                        "stopAfterFrames", 5))
                .json().get("id").asString();
        String create = "{\"machine\":\"invaders\",\"rom\":\"demo\",\"mode\":\"local\",\"stopAfterFrames\":2}";
        HttpFuzz.fuzz(Apps.port(ui), List.of(
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions", create),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions", null),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}", null),
                        new HttpFuzz.Endpoint("DELETE", "/api/v1/sessions/{id}", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/pause", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/input", "{\"held\":[\"coin\"]}"),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}/play", null),
                        new HttpFuzz.Endpoint("GET", "/{id}", null),
                        new HttpFuzz.Endpoint("GET", "/js/{id}", null)),
                List.of(id, "index.html", "app.js"), Map.of(), 8090L, 150, "/actuator/health");
    }
}
