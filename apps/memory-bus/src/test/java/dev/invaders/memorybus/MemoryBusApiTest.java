package dev.invaders.memorybus;

import dev.invaders.service.ServiceVersion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/** The API over real HTTP, one context for all: behaviour, every refusal, limits, concurrency, operations. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "invaders.memory-bus.max-sessions=5",
        "invaders.memory-bus.max-batch=1000",
        "logging.structured.format.console=",
})
class MemoryBusApiTest {

    private static final String S = "/api/v1/sessions/";

    @Value("${local.server.port}")
    int port;

    @Autowired
    BuildProperties build;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, Http.FILE_TOKEN);
    }

    @AfterEach
    void deleteAll() {
        for (JsonNode s : http.get("/api/v1/sessions").json().get("sessions")) {
            assertThat(http.delete(S + s.get("id").asString()).status()).isEqualTo(204);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static byte[] pattern(int seed) {
        byte[] image = new byte[65536];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31 + seed + (i >> 8));
        }
        return image;
    }

    Http.Response init(String id, byte[] image) {
        return http.put(S + id + "/memory", Map.of("image", Http.b64(image)));
    }

    byte[] read(String id, int address, int length) {
        Http.Response r = http.get(S + id + "/memory?address=" + address + "&length=" + length);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("address").asInt()).isEqualTo(address);
        assertThat(r.json().get("length").asInt()).isEqualTo(length);
        return Http.unb64(r.json().get("data").asString());
    }

    static Map<String, Object> write(int address, int value) {
        return Map.of("address", address, "value", value);
    }

    static Map<String, Object> batch(Long number, List<Map<String, Object>> writes) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (number != null) {
            body.put("batch", number);
        }
        body.put("writes", writes);
        return body;
    }

    static Map<String, Object> cpu(int a) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("a", a);
        for (String r : List.of("b", "c", "d", "e", "h", "l")) {
            cpu.put(r, 0);
        }
        cpu.put("stackPointer", 0x2400);
        cpu.put("programCounter", 0x0100);
        cpu.put("cycles", 123456789L);
        cpu.put("interruptsEnabled", true);
        cpu.put("halted", false);
        cpu.put("flags", Map.of("sign", true, "zero", false, "auxCarry", true, "parity", false, "carry", true));
        return cpu;
    }

    static Map<String, Object> checkpoint(long frame, Map<String, Object> cpu, byte[] memory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("frame", frame);
        body.put("cpu", cpu);
        body.put("machine", Map.of("shift", Map.of("register", 4660, "offset", 3), "port3", 0));
        if (memory != null) {
            body.put("memory", Http.b64(memory));
        }
        return body;
    }

    static void assertProblem(Http.Response r, int status, String titlePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asString()).containsIgnoringCase(titlePart);
        assertThat(p.get("detail").asString()).isNotBlank();
    }

    // ---- behaviour ----------------------------------------------------------------------------

    @Test
    void initialiseReadWriteAndReadBack() {
        byte[] image = pattern(7);
        Http.Response created = init("game-1", image);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("bytes").asLong()).isEqualTo(65536);
        assertThat(read("game-1", 0, 65536)).isEqualTo(image);
        assertThat(init("game-1", image).status()).as("replacing").isEqualTo(200);

        Http.Response w = http.post(S + "game-1/memory/writes", batch(null, List.of(
                write(0x2400, 0xAA), write(0x2401, 0x55), write(0xFFFF, 0x01), write(0x0000, 0xFE))));
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        assertThat(w.json().get("applied").asInt()).isEqualTo(4);
        assertThat(w.json().get("duplicate").asBoolean()).isFalse();

        assertThat(read("game-1", 0x2400, 2)).containsExactly(0xAA, 0x55);
        assertThat(read("game-1", 0x23FF, 3)).containsExactly(image[0x23FF], (byte) 0xAA, (byte) 0x55);
        // A range past 0xFFFF wraps to 0x0000, as the 8080's addresses do.
        assertThat(read("game-1", 0xFFFF, 3)).containsExactly((byte) 0x01, (byte) 0xFE, image[1]);
        byte[] all = read("game-1", 0x8000, 65536);
        assertThat(all[0x7FFF]).isEqualTo((byte) 0x01);
        assertThat(all[0x8000]).isEqualTo((byte) 0xFE);
    }

    @Test
    void writesWithinABatchApplyInOrderAndABadWriteAppliesNone() {
        init("order", new byte[65536]);
        Http.Response w = http.post(S + "order/memory/writes", batch(null, List.of(
                write(100, 1), write(101, 9), write(100, 2), write(100, 3))));
        assertThat(w.status()).isEqualTo(200);
        assertThat(read("order", 100, 2)).containsExactly(3, 9);

        Http.Response bad = http.post(S + "order/memory/writes", batch(null, List.of(
                write(100, 4), write(101, 4), write(70000, 4))));
        assertProblem(bad, 400, "bad request");
        assertThat(bad.json().get("detail").asString()).contains("writes[2].address");
        assertThat(read("order", 100, 2)).as("nothing of the refused batch").containsExactly(3, 9);
    }

    @Test
    void aRetriedBatchIsAppliedOnce() {
        init("retry", new byte[65536]);
        Map<String, Object> first = batch(1L, List.of(write(10, 1)));
        Map<String, Object> second = batch(2L, List.of(write(10, 2), write(11, 2)));
        assertThat(http.post(S + "retry/memory/writes", first).json().get("applied").asInt()).isEqualTo(1);
        assertThat(http.post(S + "retry/memory/writes", second).json().get("applied").asInt()).isEqualTo(2);

        Http.Response again = http.post(S + "retry/memory/writes", second);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("applied").asInt()).isZero();
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("batch").asLong()).isEqualTo(2);

        // A late copy of batch 1 must not undo batch 2 (the original applied it again).
        assertProblem(http.post(S + "retry/memory/writes", first), 409, "stale");
        assertThat(read("retry", 10, 2)).containsExactly(2, 2);

        // The same number with other writes is a client bug, not a retry.
        assertProblem(http.post(S + "retry/memory/writes", batch(2L, List.of(write(10, 7)))), 409, "reused");
        assertThat(read("retry", 10, 1)).containsExactly(2);

        // Numbers may skip; unnumbered batches always apply and leave the numbering alone.
        assertThat(http.post(S + "retry/memory/writes", batch(9L, List.of(write(12, 9)))).status()).isEqualTo(200);
        assertThat(http.post(S + "retry/memory/writes", batch(null, List.of(write(12, 8)))).status()).isEqualTo(200);
        assertThat(read("retry", 12, 1)).containsExactly(8);
        assertThat(http.get("/api/v1/sessions").json().get("sessions").get(0).get("batch").asLong()).isEqualTo(9);

        // A new image is a new game: numbering starts again.
        init("retry", new byte[65536]);
        assertThat(http.post(S + "retry/memory/writes", first).json().get("applied").asInt()).isEqualTo(1);
    }

    @Test
    void checkpointsStoreLoadAndOnlyMoveForward() {
        assertProblem(http.get(S + "cp/checkpoint"), 404, "unknown session");
        byte[] image = pattern(3);
        Http.Response created = http.put(S + "cp/checkpoint", checkpoint(10, cpu(0x42), image));
        assertThat(created.status()).as("a checkpoint with memory creates the session").isEqualTo(201);
        assertThat(created.json().get("frame").asLong()).isEqualTo(10);

        JsonNode got = http.get(S + "cp/checkpoint").json();
        assertThat(got.get("frame").asLong()).isEqualTo(10);
        assertThat(got.get("cpu").get("a").asInt()).isEqualTo(0x42);
        assertThat(got.get("cpu").get("cycles").asLong()).isEqualTo(123456789L);
        assertThat(got.get("cpu").get("stackPointer").asInt()).isEqualTo(0x2400);
        assertThat(got.get("cpu").get("flags").get("auxCarry").asBoolean()).isTrue();
        assertThat(got.get("cpu").get("flags").get("zero").asBoolean()).isFalse();
        assertThat(got.get("machine").get("shift").get("register").asInt()).isEqualTo(4660);
        assertThat(Http.unb64(got.get("memory").asString())).isEqualTo(image);
        assertThat(read("cp", 0, 65536)).as("memory and checkpoint agree").isEqualTo(image);

        assertProblem(http.put(S + "cp/checkpoint", checkpoint(9, cpu(1), image)), 409, "older");
        assertThat(http.get(S + "cp/checkpoint").json().get("cpu").get("a").asInt()).isEqualTo(0x42);
        assertThat(http.put(S + "cp/checkpoint", checkpoint(10, cpu(0x43), image)).status())
                .as("the same frame again (a retry)").isEqualTo(200);

        // Without memory: the session's own memory, taken between two batches.
        http.post(S + "cp/memory/writes", batch(5L, List.of(write(0x3000, 0x99))));
        assertThat(http.put(S + "cp/checkpoint", checkpoint(11, cpu(0x44), null)).status()).isEqualTo(200);
        got = http.get(S + "cp/checkpoint").json();
        assertThat(got.get("frame").asLong()).isEqualTo(11);
        assertThat(got.get("batch").asLong()).isEqualTo(5);
        assertThat(Http.unb64(got.get("memory").asString())[0x3000]).isEqualTo((byte) 0x99);
        assertThat(http.get("/api/v1/sessions").json().get("sessions").get(0).get("bytes").asLong())
                .isEqualTo(131072);

        // A new image drops the checkpoint: they would no longer agree.
        init("cp", image);
        assertProblem(http.get(S + "cp/checkpoint"), 404, "no checkpoint");
    }

    static Map<String, Object> withEpoch(Map<String, Object> body, long epoch) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        out.put("epoch", epoch);
        return out;
    }

    long epochOf(String id) {
        for (JsonNode s : http.get("/api/v1/sessions").json().get("sessions")) {
            if (s.get("id").asString().equals(id)) {
                return s.path("epoch").asLong(0);
            }
        }
        throw new AssertionError("no session " + id);
    }

    @Test
    void aClaimFencesOffTheCpuTheSessionWasTakenFrom() {
        byte[] image = pattern(5);
        // CPU 1's first checkpoint creates the session with its epoch.
        assertThat(http.put(S + "f/checkpoint", withEpoch(checkpoint(60, cpu(1), image), 1)).status()).isEqualTo(201);
        assertThat(epochOf("f")).isEqualTo(1);
        // CPU 2 takes it over.
        Http.Response claim = http.post(S + "f/claim", Map.of());
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        assertThat(claim.json().get("epoch").asLong()).isEqualTo(2);
        assertThat(claim.json().get("id").asString()).isEqualTo("f");
        assertThat(epochOf("f")).isEqualTo(2);

        // Every change CPU 1 still tries is refused and changes nothing; so is a change without an epoch.
        assertProblem(http.put(S + "f/checkpoint", withEpoch(checkpoint(120, cpu(2), image), 1)), 409, "taken over");
        assertProblem(http.put(S + "f/checkpoint", withEpoch(checkpoint(120, cpu(2), null), 1)), 409, "taken over");
        assertProblem(http.post(S + "f/memory/writes", withEpoch(batch(7L, List.of(write(0x2000, 1))), 1)), 409,
                "taken over");
        assertProblem(http.put(S + "f/memory", Map.of("image", Http.b64(pattern(6)), "epoch", 1)), 409, "taken over");
        Http.Response fenced = http.delete(S + "f?epoch=1");
        assertProblem(fenced, 409, "taken over");
        assertThat(fenced.json().get("takenOver").asBoolean()).as("what a CPU matches on").isTrue();
        Http.Response unfenced = http.put(S + "f/checkpoint", checkpoint(120, cpu(2), image));
        assertProblem(unfenced, 409, "epoch required");
        assertThat(unfenced.json().has("takenOver")).isFalse();
        assertProblem(http.post(S + "f/memory/writes", batch(7L, List.of(write(0x2000, 1)))), 409, "epoch required");
        JsonNode kept = http.get(S + "f/checkpoint").json();
        assertThat(kept.get("frame").asLong()).isEqualTo(60);
        assertThat(kept.get("cpu").get("a").asInt()).isEqualTo(1);
        assertThat(kept.get("epoch").asLong()).isEqualTo(1);
        assertThat(read("f", 0x2000, 1)[0]).isEqualTo(image[0x2000]);

        // CPU 2 goes on; a newer epoch than the session's (a claim a restarted bus forgot) is taken as is.
        assertThat(http.put(S + "f/checkpoint", withEpoch(checkpoint(120, cpu(3), null), 2)).status()).isEqualTo(200);
        assertThat(http.get(S + "f/checkpoint").json().get("epoch").asLong()).isEqualTo(2);
        assertThat(http.post(S + "f/memory/writes", withEpoch(batch(8L, List.of(write(0x2000, 9))), 5)).status())
                .isEqualTo(200);
        assertThat(epochOf("f")).isEqualTo(5);
        assertProblem(http.put(S + "f/checkpoint", withEpoch(checkpoint(180, cpu(4), null), 2)), 409, "taken over");

        // Bad epochs and claims.
        assertProblem(http.put(S + "f/checkpoint", withEpoch(checkpoint(180, cpu(4), null), 0)), 400, "bad request");
        assertProblem(http.post(S + "f/memory/writes", withEpoch(batch(9L, List.of(write(0x2000, 1))), -3)), 400,
                "bad request");
        assertProblem(http.delete(S + "f?epoch=x"), 400, "");
        assertProblem(http.post(S + "nobody/claim", Map.of()), 404, "unknown session");
        assertProblem(http.post(S + "bad!id/claim", Map.of()), 400, "bad request");
        assertProblem(http.get(S + "f/claim"), 405, "");

        // The owner may delete it; so may an operator, without an epoch.
        assertThat(http.delete(S + "f?epoch=5").status()).isEqualTo(204);
        http.put(S + "g/checkpoint", withEpoch(checkpoint(1, cpu(0), image), 3));
        assertThat(http.delete(S + "g").status()).isEqualTo(204);
    }

    @Test
    void sessionsAreListedAndDeleted() {
        init("b-2", new byte[65536]);
        init("a-1", new byte[65536]);
        JsonNode list = http.get("/api/v1/sessions").json();
        assertThat(list.get("count").asInt()).isEqualTo(2);
        assertThat(list.get("maxSessions").asInt()).isEqualTo(5);
        assertThat(list.get("sessions").get(0).get("id").asString()).isEqualTo("a-1");
        assertThat(list.get("sessions").get(0).get("frame").isNull()).isTrue();

        Http.Response deleted = http.delete(S + "a-1");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.header(ServiceVersion.HEADER)).isNotBlank();
        assertProblem(http.delete(S + "a-1"), 404, "unknown session");
        assertProblem(http.get(S + "a-1/memory?address=0&length=1"), 404, "unknown session");
        assertThat(http.get("/api/v1/sessions").json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void theSessionLimitRefusesOneMore() {
        for (int i = 0; i < 5; i++) {
            assertThat(init("s" + i, new byte[65536]).status()).isEqualTo(201);
        }
        Http.Response full = init("s5", new byte[65536]);
        assertProblem(full, 429, "too many sessions");
        assertThat(full.header("Retry-After")).isEqualTo("5");
        assertProblem(http.put(S + "s5/checkpoint", checkpoint(1, cpu(0), new byte[65536])), 429, "too many");
        assertThat(init("s4", new byte[65536]).status()).as("replacing is not creating").isEqualTo(200);
        http.delete(S + "s0");
        assertThat(init("s5", new byte[65536]).status()).isEqualTo(201);
    }

    // ---- refusals -----------------------------------------------------------------------------

    @Test
    void everyBadInputIsAProblemAndTheServerKeepsServing() {
        init("bad", new byte[65536]);
        String w = S + "bad/memory/writes";
        // Malformed or wrongly typed JSON.
        assertProblem(http.post(w, "{\"writes\": [ {\"address\": 1, "), 400, "malformed");
        assertProblem(http.post(w, "{\"writes\": [{\"address\": 1.5, \"value\": 1}]}"), 400, "malformed");
        assertProblem(http.post(w, "{\"writes\": [{\"address\": \"1\", \"value\": 1}]}"), 400, "malformed");
        assertProblem(http.post(w, "{\"writes\": []} trailing"), 400, "malformed");
        assertProblem(http.post(w, ""), 400, "malformed");
        assertProblem(http.post(w, "{}"), 400, "bad request");
        assertProblem(http.post(w, "{\"writes\": [{\"address\": 1}]}"), 400, "bad request");
        assertProblem(http.post(w, "{\"writes\": [null]}"), 400, "bad request");
        assertProblem(http.post(w, batch(null, List.of(write(-1, 0)))), 400, "bad request");
        assertProblem(http.post(w, batch(null, List.of(write(65536, 0)))), 400, "bad request");
        assertProblem(http.post(w, batch(null, List.of(write(0, 256)))), 400, "bad request");
        assertProblem(http.post(w, batch(null, List.of(write(0, -1)))), 400, "bad request");
        assertProblem(http.post(w, batch(-1L, List.of(write(0, 1)))), 400, "bad request");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(write(i, 1));
        }
        assertProblem(http.post(w, batch(null, tooMany)), 413, "batch too large");

        // Images.
        String m = S + "bad/memory";
        assertProblem(http.put(m, Map.of("image", "not base64!")), 400, "bad request");
        assertProblem(http.put(m, Map.of("image", Http.b64(new byte[65535]))), 400, "bad request");
        assertProblem(http.put(m, Map.of("image", Http.b64(new byte[65537]))), 400, "bad request");
        assertProblem(http.put(m, "{}"), 400, "bad request");
        assertProblem(http.put(m, "[1,2]"), 400, "malformed");

        // Reads.
        assertProblem(http.get(m + "?address=65536&length=1"), 400, "bad request");
        assertProblem(http.get(m + "?address=-1&length=1"), 400, "bad request");
        assertProblem(http.get(m + "?address=0&length=0"), 400, "bad request");
        assertProblem(http.get(m + "?address=0&length=65537"), 400, "bad request");
        assertProblem(http.get(m + "?address=zero&length=1"), 400, "bad request");
        assertProblem(http.get(m + "?address=0"), 400, "bad request");

        // Checkpoints.
        String c = S + "bad/checkpoint";
        Map<String, Object> good = checkpoint(1, cpu(0), null);
        Map<String, Object> noFrame = new LinkedHashMap<>(good);
        noFrame.remove("frame");
        assertProblem(http.put(c, noFrame), 400, "bad request");
        assertProblem(http.put(c, checkpoint(-1, cpu(0), null)), 400, "bad request");
        Map<String, Object> noCpu = new LinkedHashMap<>(good);
        noCpu.remove("cpu");
        assertProblem(http.put(c, noCpu), 400, "bad request");
        assertProblem(http.put(c, checkpoint(1, cpu(256), null)), 400, "bad request");
        Map<String, Object> badSp = cpu(0);
        badSp.put("stackPointer", 65536);
        Http.Response spRefused = http.put(c, checkpoint(1, badSp, null));
        assertProblem(spRefused, 400, "bad request");
        assertThat(spRefused.json().get("detail").asString()).contains("cpu.stackPointer");
        Map<String, Object> noFlags = cpu(0);
        noFlags.remove("flags");
        assertProblem(http.put(c, checkpoint(1, noFlags, null)), 400, "bad request");
        Map<String, Object> noCarry = cpu(0);
        noCarry.put("flags", Map.of("sign", true, "zero", false, "auxCarry", true, "parity", false));
        Http.Response r = http.put(c, checkpoint(1, noCarry, null));
        assertProblem(r, 400, "bad request");
        assertThat(r.json().get("detail").asString()).contains("cpu.flags.carry");
        Map<String, Object> machineArray = new LinkedHashMap<>(good);
        machineArray.put("machine", List.of(1, 2));
        assertProblem(http.put(c, machineArray), 400, "bad request");
        assertProblem(http.put(c, checkpoint(1, cpu(0), new byte[100])), 400, "bad request");
        assertProblem(http.put(S + "nobody/checkpoint", good), 404, "unknown session");
        assertProblem(http.get(c), 404, "no checkpoint");

        // Sessions, paths, methods, media types.
        assertProblem(http.get(S + "no-such/memory?address=0&length=1"), 404, "unknown session");
        assertProblem(http.post(S + "no-such/memory/writes", batch(null, List.of(write(0, 0)))), 404, "unknown");
        assertProblem(http.delete(S + "no-such"), 404, "unknown session");
        assertProblem(http.get(S + "bad.id/memory?address=0&length=1"), 400, "bad request");
        assertProblem(http.put(S + "x".repeat(65) + "/memory", Map.of("image", Http.b64(new byte[65536]))),
                400, "bad request");
        assertProblem(http.get("/api/v1/nothing"), 404, "not found");
        assertProblem(http.send(http.json(m).method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody())),
                405, "method not allowed");
        assertProblem(http.send(java.net.http.HttpRequest.newBuilder(http.uri(w)).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))), 415, "unsupported media type");

        // Oversized bodies, with and without a Content-Length.
        String huge = "{\"image\":\"" + "A".repeat(300_000) + "\"}";
        assertProblem(http.put(m, huge), 413, "too large");
        assertProblem(http.postChunked(w, huge), 413, "too large");

        assertThat(read("bad", 0, 4)).as("still serving, memory untouched").containsExactly(0, 0, 0, 0);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    // ---- concurrency --------------------------------------------------------------------------

    /**
     * Two writers fill a 256-byte region with one value per batch while a third thread checkpoints
     * (from the session's memory, and now and then from its own image) and reads back: a checkpoint or
     * a read that held part of one batch and part of another would show two values in the region.
     */
    @Test
    void checkpointsAndReadsNeverSeeHalfABatch() throws Exception {
        int region = 0x2400;
        int size = 256;
        int iterations = 200;
        init("race", new byte[65536]);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    Http own = new Http(port, Http.FILE_TOKEN);
                    for (int k = 0; k < iterations; k++) {
                        int value = (thread * 128 + k) & 0x7F | thread << 7;
                        List<Map<String, Object>> fill = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            fill.add(write(region + i, value));
                        }
                        Http.Response r = own.post(S + "race/memory/writes", batch(null, fill));
                        assertThat(r.status()).as(r.body()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            Future<?> checker = pool.submit(() -> {
                Http own = new Http(port, Http.FILE_TOKEN);
                for (int k = 0; k < iterations; k++) {
                    byte[] own64k = null;
                    if (k % 10 == 9) {
                        own64k = new byte[65536];
                        java.util.Arrays.fill(own64k, region, region + size, (byte) 0xEE);
                    }
                    Http.Response put = own.put(S + "race/checkpoint", checkpoint(k, cpu(k & 0xFF), own64k));
                    assertThat(put.status()).as(put.body()).isEqualTo(200);
                    JsonNode cp = own.get(S + "race/checkpoint").json();
                    assertThat(cp.get("frame").asLong()).isEqualTo(k);
                    assertThat(cp.get("cpu").get("a").asInt()).isEqualTo(k & 0xFF);
                    assertUniform(Http.unb64(cp.get("memory").asString()), region, size, "checkpoint " + k);
                    Http.Response range = own.get(S + "race/memory?address=" + region + "&length=" + size);
                    assertUniform(Http.unb64(range.json().get("data").asString()), 0, size, "read " + k);
                }
                return null;
            });
            checker.get(120, TimeUnit.SECONDS);
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertUniform(read("race", region, size), 0, size, "at the end");
    }

    private static void assertUniform(byte[] bytes, int from, int size, String what) {
        for (int i = from; i < from + size; i++) {
            assertThat(bytes[i]).as(what + ": byte " + (i - from) + " of the region").isEqualTo(bytes[from]);
        }
    }

    // ---- operations ---------------------------------------------------------------------------

    @Test
    void healthPrometheusAndTheVersionHeader() {
        init("ops", new byte[65536]);
        http.post(S + "ops/memory/writes", batch(null, List.of(write(1, 1), write(2, 2))));
        read("ops", 0, 16);
        http.put(S + "ops/checkpoint", checkpoint(1, cpu(0), null));

        Http.Response live = http.get("/actuator/health/liveness");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asString()).isEqualTo("UP");
        Http.Response ready = http.get("/actuator/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");

        Http.Response prom = http.get("/actuator/prometheus");
        assertThat(prom.status()).isEqualTo(200);
        assertThat(prom.body())
                .contains("invaders_memorybus_sessions{")
                .contains("invaders_memorybus_writes_bytes_total{")
                .contains("invaders_memorybus_write_batches_total{")
                .contains("invaders_memorybus_read_bytes_total{")
                .contains("invaders_memorybus_checkpoints_seconds_count{");

        assertThat(build.getVersion()).as("build-info from the build").isNotBlank();
        for (Http.Response r : List.of(live, prom, http.get("/api/v1/sessions"), http.get("/nowhere"),
                http.get(S + "ops/memory?address=0&length=0"),
                http.put(S + "ops/memory", "{\"image\":\"" + "A".repeat(300_000) + "\"}"))) {
            assertThat(r.header(ServiceVersion.HEADER)).as(r.raw().uri() + " " + r.status())
                    .isEqualTo(build.getVersion());
        }
    }
}
