package dev.invaders.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.FrameDelta;
import dev.invaders.machine.FrameInfo;
import dev.invaders.machine.FrameStream;
import dev.invaders.machine.Input;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;
import dev.invaders.machine.SoundEvent;
import dev.invaders.testsupport.Apps;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for fetch-execute that speaks its session API and live-play contract (the frame stream, input)
 * with the demo game on {@link InvadersMachine}, paced at 60 frames a second, and that can be told to
 * misbehave: refuse the stream, break it off, fall silent, send an oversized message. For the relay's tests;
 * the end-to-end tests use the real fetch-execute.
 */
final class FakeCpu implements AutoCloseable {
    static final String VERSION = "fake-cpu-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    final List<String> inputs = new CopyOnWriteArrayList<>();
    final AtomicInteger openStreams = new AtomicInteger();
    /** Requests refused for want of the internal token. */
    final AtomicInteger unauthorized = new AtomicInteger();
    final AtomicInteger streamsServed = new AtomicInteger();
    /** The frames stream's answer: 200, or a status answered with a problem. */
    volatile int framesStatus = 200;
    /** Break the stream off (no END) after this many messages; -1: never. */
    volatile int breakAfter = -1;
    /** Send the first STATS, then nothing. */
    volatile boolean silent;
    /** Send a message header announcing 2 GB. */
    volatile boolean oversize;
    /** When set: the next stream message is END with this status (e.g. shutdown), then the stream ends. */
    volatile String endWith;

    FakeCpu() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/sessions", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        sessions.values().forEach(s -> s.stopped = true);
        server.stop(0);
    }

    /** A session: the demo game running at 60 frames a second on its own thread. */
    static final class Session {
        final String id;
        final long stopAfter;
        final InvadersMachine machine = InvadersMachine.create(Programs.demo().orElseThrow(), DipSwitches.DEFAULT);
        volatile Set<Input> held = Set.of();
        volatile Frame latest;
        volatile boolean paused;
        volatile boolean stopped;
        volatile String status = "running";
        /** The control token its create answered; changes need it in Invaders-Control-Token, as in fetch-execute. */
        final String controlToken = UUID.randomUUID().toString().replace("-", "");

        Session(String id, long stopAfter) {
            this.id = id;
            this.stopAfter = stopAfter;
            Thread.ofVirtual().name("fake-session-" + id).start(this::run);
        }

        private void run() {
            long next = System.nanoTime();
            try {
                while (!stopped && machine.frame() < stopAfter) {
                    next += 16_800_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the machine's realtime pace
                    }
                    if (paused) {
                        continue;
                    }
                    InvadersBoard board = machine.board();
                    Set<Input> h = held;
                    for (Input i : Input.values()) {
                        board.setInput(i, h.contains(i));
                    }
                    FrameInfo info = machine.runFrame();
                    int e3 = 0;
                    int e5 = 0;
                    for (SoundEvent s : info.sounds()) {
                        if (s.port() == 3) {
                            e3 |= 1 << s.bit();
                        } else {
                            e5 |= 1 << s.bit();
                        }
                    }
                    byte[] vram = new byte[FrameDelta.VIDEO_SIZE];
                    for (int i = 0; i < vram.length; i++) {
                        vram[i] = (byte) board.videoByte(i);
                    }
                    latest = new Frame(info.frame(), vram, board.soundPort3(), board.soundPort5(), e3, e5);
                }
                status = "finished";
            } catch (InterruptedException e) {
                status = "finished";
            }
        }

        ObjectNode view() {
            ObjectNode v = JSON.createObjectNode();
            v.put("id", id);
            v.put("machine", "invaders");
            v.put("mode", "local");
            v.put("status", paused && "running".equals(status) ? "paused" : status);
            v.put("frames", latest == null ? 0 : latest.frame + 1);
            v.put("pace", "realtime");
            v.putArray("warnings");
            return v;
        }
    }

    record Frame(long frame, byte[] vram, int sound3, int sound5, int edges3, int edges5) {
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Invaders-Service-Version", VERSION);
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            // As the real fetch-execute: only callers with the internal token (the UI sends Apps.TOKEN).
            if (!("Bearer " + Apps.TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                problem(ex, 401, "this is an internal endpoint: send Authorization: Bearer with the internal token");
                return;
            }
            String[] parts = path.substring("/api/v1/sessions".length()).split("/");
            // parts[0] is "" ; parts[1] id ; parts[2] action
            if (parts.length <= 1) {
                if ("POST".equals(method)) {
                    create(ex);
                } else {
                    ObjectNode list = JSON.createObjectNode();
                    var arr = list.putArray("sessions");
                    sessions.values().forEach(s -> arr.add(s.view()));
                    list.put("count", sessions.size());
                    list.put("maxSessions", 16);
                    json(ex, 200, list);
                }
                return;
            }
            Session s = sessions.get(parts[1]);
            if (s == null) {
                problem(ex, 404, "no session " + parts[1]);
                return;
            }
            String action = parts.length > 2 ? parts[2] : "";
            if (!"GET".equals(method) && !"HEAD".equals(method)
                    && !s.controlToken.equals(ex.getRequestHeaders().getFirst("Invaders-Control-Token"))) {
                problem(ex, 403, "changing session " + s.id + " needs its control token");
                return;
            }
            switch (method + " " + action) {
                case "GET " -> json(ex, 200, s.view());
                case "DELETE " -> {
                    s.stopped = true;
                    sessions.remove(s.id);
                    ex.sendResponseHeaders(204, -1);
                }
                case "POST pause" -> {
                    s.paused = true;
                    json(ex, 200, s.view());
                }
                case "POST resume" -> {
                    s.paused = false;
                    json(ex, 200, s.view());
                }
                case "POST input" -> input(ex, s);
                case "GET frames" -> frames(ex, s);
                default -> problem(ex, 404, "no such resource");
            }
        }
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        if (body.has("romImage")) {
            byte[] rom = Base64.getDecoder().decode(body.get("romImage").asString());
            if (rom.length != 8192) {
                problem(ex, 400, "the ROM image is " + rom.length + " bytes: a Space Invaders ROM is 8,192 bytes");
                return;
            }
        } else if (!"demo".equals(body.path("rom").asString("demo"))) {
            problem(ex, 400, "unknown rom '" + body.path("rom").asString() + "'");
            return;
        }
        String id = UUID.randomUUID().toString();
        Session s = new Session(id, body.path("stopAfterFrames").asLong(216000));
        sessions.put(id, s);
        ex.getResponseHeaders().set("Location", "/api/v1/sessions/" + id);
        ObjectNode created = JSON.createObjectNode();
        created.put("id", id);
        created.put("controlToken", s.controlToken);
        json(ex, 201, created);
    }

    private void input(HttpExchange ex, Session s) throws IOException {
        String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        inputs.add(text);
        JsonNode body = JSON.readTree(text);
        Set<Input> held = new java.util.HashSet<>();
        for (JsonNode n : body.path("held")) {
            Input i = Input.fromLogName(n.asString());
            if (i == null) {
                problem(ex, 400, "unknown control '" + n.asString() + "'");
                return;
            }
            held.add(i);
        }
        s.held = held;
        ex.sendResponseHeaders(202, -1);
    }

    private void frames(HttpExchange ex, Session s) throws IOException {
        streamsServed.incrementAndGet();
        if (framesStatus != 200) {
            problem(ex, framesStatus, "the fake refuses the stream with " + framesStatus);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/vnd.invaders.frames");
        ex.sendResponseHeaders(200, 0);
        openStreams.incrementAndGet();
        OutputStream out = ex.getResponseBody();
        try {
            write(out, 2, JSON.writeValueAsBytes(stats(s)));
            if (oversize) {
                out.write(ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array());
                out.flush();
                Thread.sleep(2000); // holds the stream open after the oversized header: the relay must end it
                return;
            }
            int messages = 1;
            byte[] previous = null;
            byte[] message = new byte[FrameStream.MAX_FRAME_MESSAGE];
            long sent = -1;
            long lastStats = System.nanoTime();
            while (!s.stopped) {
                if (silent) {
                    Thread.sleep(50); // silent: sends nothing, as a stalled CPU service would
                    continue;
                }
                Frame f = s.latest;
                if (f != null && f.frame != sent) {
                    int length = FrameStream.writeFrame(message, f.frame, f.sound3, f.sound5, f.edges3, f.edges5,
                            previous, f.vram);
                    out.write(message, 0, length);
                    out.flush();
                    previous = f.vram;
                    sent = f.frame;
                    messages++;
                }
                if (System.nanoTime() - lastStats > 1_000_000_000L) {
                    write(out, 2, JSON.writeValueAsBytes(stats(s)));
                    lastStats = System.nanoTime();
                    messages++;
                }
                if (endWith != null && messages > 2) {
                    write(out, 4, ("{\"status\":\"" + endWith + "\",\"error\":null}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (!"running".equals(s.status)) {
                    write(out, 4, ("{\"status\":\"" + s.status + "\",\"error\":null}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (breakAfter >= 0 && messages >= breakAfter) {
                    return; // ends the chunked answer without END
                }
                Thread.sleep(4); // the stream's pace: a frame as the machine makes one, not a busy loop
            }
        } catch (IOException | InterruptedException e) {
            // the relay went away
        } finally {
            openStreams.decrementAndGet();
        }
    }

    private static ObjectNode stats(Session s) {
        ObjectNode v = s.view();
        v.put("framesPerSecond", 59.5);
        v.put("emulatedMHz", 1.99);
        v.put("instructionsPerSecond", 500000);
        var mesh = v.putArray("mesh");
        ObjectNode m = mesh.addObject();
        m.put("family", "mov");
        m.put("route", "local");
        m.put("version", VERSION);
        m.put("calls", 0);
        m.put("cacheHits", 0);
        return v;
    }

    private static void write(OutputStream out, int type, byte[] payload) throws IOException {
        out.write(ByteBuffer.allocate(5).put((byte) type).putInt(payload.length).array());
        out.write(payload);
        out.flush();
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void problem(HttpExchange ex, int status, String detail) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", status == 404 ? "Not Found" : "Bad Request");
        p.put("status", status);
        p.put("detail", detail);
        byte[] bytes = JSON.writeValueAsBytes(p);
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
