package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.machine.FrameStream;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A graceful shutdown does not wait on open frames streams: they get END "shutdown" and close. */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class StreamShutdownTest {

    @Test
    void shutdownEndsOpenStreams() throws Exception {
        ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=local");
        Http api = new Http(Apps.url(cpu), Apps.TOKEN);
        Map<String, Object> body = LiveTest.session("local", "realtime", 1_000_000);
        body.put("romImage", LiveTest.b64(TestRoms.halting()));
        String id = ServicesTest.create(api, body);
        HttpResponse<InputStream> one = api.stream("/api/v1/sessions/" + id + "/frames");
        HttpResponse<InputStream> two = api.stream("/api/v1/sessions/" + id + "/frames");
        FrameStream.Reader reader = new FrameStream.Reader(one.body());
        assertThat(reader.next().type()).isEqualTo(FrameStream.STATS);
        long t0 = System.nanoTime();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(cpu::close);
        FrameStream.Message m;
        while ((m = reader.next()).type() != FrameStream.END) {
            assertThat(m.type()).isIn(FrameStream.FRAME, FrameStream.STATS);
        }
        JsonNode end = Http.JSON.readTree(m.text());
        assertThat(end.get("status").asString()).isEqualTo("shutdown");
        assertThat(reader.next()).as("the stream closes after END").isNull();
        closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        System.out.printf("shutdown with two open streams: %d ms%n", millis);
        assertThat(millis).as("not the 20 s graceful-shutdown timeout").isLessThan(10_000);
        two.body().close();
    }
}
