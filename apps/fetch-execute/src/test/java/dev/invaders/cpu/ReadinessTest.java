package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness waits for the resume: a CPU that starts while its memory bus is still starting asks the bus again,
 * and is not ready (readiness OUT_OF_SERVICE) until the sessions found there are resumed; once ready, the
 * session answers (no 404 window).
 */
class ReadinessTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void readyOnlyOnceTheSessionsOnTheMemoryBusAreResumed() throws Exception {
        Path dir = Files.createTempDirectory("readiness-bus");
        int busPort = freePort();
        String[] busArgs = {"--invaders.memory-bus.checkpoint-dir=" + dir};
        String busUrl = "http://127.0.0.1:" + busPort;
        String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + busUrl, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.version-check-interval=0s"};
        String id;
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, busPort, busArgs);
             ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
            Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("local", 100_000));
            body.put("pace", "realtime");
            id = ServicesTest.create(new Http(Apps.url(first), Apps.TOKEN), body);
        }
        // The CPU starts first; its memory bus comes 1.5 s later.
        int cpuPort = freePort();
        Http api = new Http("http://127.0.0.1:" + cpuPort, Apps.TOKEN);
        // Own threads: the common pool may have one (2 cores), and the CPU's start waits for the bus.
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<ConfigurableApplicationContext> cpu = CompletableFuture.supplyAsync(
                () -> Apps.start(FetchExecuteApplication.class, cpuPort, cpuArgs), starters);
        CompletableFuture<ConfigurableApplicationContext> bus = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1500); // the bus starts late on purpose: the CPU must wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Apps.start(MemoryBusApplication.class, busPort, busArgs);
        }, starters);
        try {
            boolean[] sawNotReady = {false};
            await("ready within 60 s").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                int readiness;
                try {
                    readiness = api.get("/actuator/health/readiness").status();
                } catch (RuntimeException e) {
                    return false; // not listening yet
                }
                sawNotReady[0] |= readiness != 200;
                return readiness == 200;
            });
            assertThat(api.get("/api/v1/sessions/" + id).status()).as("ready: the session is there").isEqualTo(200);
            assertThat(sawNotReady[0]).as("readiness was down while the bus was not there").isTrue();
            assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
        } finally {
            cpu.join().close();
            bus.join().close();
            starters.shutdown();
        }
    }
}
