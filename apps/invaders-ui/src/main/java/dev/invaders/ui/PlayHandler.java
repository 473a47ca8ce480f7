package dev.invaders.ui;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/sessions/{id}/play}: a session's frames for one browser. Each WebSocket gets a relay on its
 * own virtual thread that reads fetch-execute's {@code GET /api/v1/sessions/{id}/frames} and sends every
 * message of it, whole, as one binary WebSocket message; text messages from the browser ({@code
 * {"held":["p1-left","p1-fire"]}}) become {@code POST /api/v1/sessions/{id}/input}, with the session's control
 * token when the page gave it first as {@code {"controlToken":"..."}} (a WebSocket carries no custom header: the
 * page sends it as the stream's first message, and this relay keeps it for its inputs only).
 * Without the token fetch-execute refuses the input (403), which is told to the page as a problem.
 *
 * <p>Bounded: at most {@code max-streams} relays, messages up to {@code max-stream-message}, a browser that
 * cannot keep up is cut after {@code send-time-limit} or {@code send-buffer-limit}, a stream silent for
 * {@code stream-idle-timeout} is closed. Either side going away ends the other. Close codes the page acts
 * on: 1000 the session ended (after END); 1001 this replica is stopping, 1013 it is full, 4503 fetch-execute
 * unreachable, restarting (END {@code shutdown}) or its stream broke (all three: reconnect with backoff);
 * 4000 + HTTP status when
 * fetch-execute refused the stream (4404: no such session), after a text message
 * {@code {"type":"problem","status","title","detail"}} the page shows. Problems with an input are such a
 * text message too, and the stream goes on.
 */
@Component
public class PlayHandler extends AbstractWebSocketHandler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PlayHandler.class);
    static final Pattern PATH = Pattern.compile("/api/v1/sessions/([A-Za-z0-9_-]{1,128})/play");
    private static final Pattern CONTROL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,23}");
    private static final Pattern CONTROL_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    static final String CONTROL_TOKEN_HEADER = "Invaders-Control-Token";
    private static final int MAX_HELD = 16;
    static final int UNREACHABLE = 4503;

    private final UiProperties props;
    private final Upstream upstream;
    private final StreamMetrics metrics;
    private final JsonMapper json;
    private final PlayMessages messages;
    private final Semaphore permits;
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("relay-watchdog").factory());
    private volatile boolean running;

    public PlayHandler(UiProperties props, Upstream upstream, StreamMetrics metrics, JsonMapper json) {
        this.props = props;
        this.upstream = upstream;
        this.metrics = metrics;
        this.json = json;
        this.messages = new PlayMessages(json);
        this.permits = new Semaphore(props.maxStreams());
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session,
                (int) Math.min(Integer.MAX_VALUE, props.sendTimeLimit().toMillis()),
                (int) Math.min(Integer.MAX_VALUE, props.sendBufferLimit().toBytes()),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Matcher m = PATH.matcher(session.getUri() == null ? "" : session.getUri().getRawPath());
        if (!m.matches()) {
            messages.notice(out, HttpStatus.BAD_REQUEST, "Bad session id",
                    "a session id is letters, digits, '-' and '_'");
            out.close(new CloseStatus(4400, "bad session id"));
            return;
        }
        if (!running) {
            out.close(CloseStatus.GOING_AWAY);
            return;
        }
        if (!permits.tryAcquire()) {
            messages.notice(out, HttpStatus.SERVICE_UNAVAILABLE, "Too many streams", "this UI replica relays "
                    + props.maxStreams() + " streams already; the page tries again");
            out.close(CloseStatus.SERVICE_OVERLOAD);
            metrics.streamRefused();
            return;
        }
        Relay relay = new Relay(m.group(1), session.getId(), out);
        relays.put(session.getId(), relay);
        metrics.streamOpened();
        relay.thread = Thread.ofVirtual().name("relay-" + relay.id).unstarted(relay::run);
        relay.thread.start();
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Relay relay = relays.get(session.getId());
        if (relay == null) {
            return;
        }
        relay.input(message.getPayload());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        Relay relay = relays.get(session.getId());
        if (relay != null) {
            relay.finish(new CloseStatus(CloseStatus.NOT_ACCEPTABLE.getCode(), "send text: {\"held\":[...]}"),
                    "bad-input");
        } else {
            session.close(CloseStatus.NOT_ACCEPTABLE);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Relay relay = relays.get(session.getId());
        if (relay != null) {
            relay.finish(CloseStatus.SERVER_ERROR, "transport");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Relay relay = relays.get(session.getId());
        if (relay != null) {
            relay.finish(status, "browser");
        }
    }

    /** Relays open now (for tests and the gauge). */
    int relays() {
        return relays.size();
    }

    // --- lifecycle: relays end before the web server stops, so pages reconnect to another replica ---------

    @Override
    public void start() {
        long every = Math.max(100, Math.min(1000, props.streamIdleTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::checkIdle, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<Relay> open = new ArrayList<>(relays.values());
        open.forEach(r -> r.finish(CloseStatus.GOING_AWAY, "shutdown"));
        watchdog.shutdownNow();
        if (!open.isEmpty()) {
            log.info("closed {} frame stream(s) for shutdown", open.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void checkIdle() {
        long limit = props.streamIdleTimeout().toNanos();
        long now = System.nanoTime();
        for (Relay r : relays.values()) {
            if (r.streaming && now - r.lastMessage > limit) {
                r.finish(new CloseStatus(UNREACHABLE, "no data from the CPU service for "
                        + props.streamIdleTimeout().toSeconds() + " s"), "idle");
            }
        }
    }

    /** One browser's stream: the reader thread, fetch-execute's answer, and the way both are ended once. */
    private final class Relay {
        final String id;
        final String socketId;
        final WebSocketSession out;
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Thread thread;
        volatile InputStream body;
        volatile boolean streaming;
        volatile long lastMessage = System.nanoTime();
        /** The session's control token, when the page sent it: its inputs carry it. */
        volatile String controlToken;

        Relay(String id, String socketId, WebSocketSession out) {
            this.id = id;
            this.socketId = socketId;
            this.out = out;
        }

        void run() {
            try {
                HttpRequest request = upstream.request("/api/v1/sessions/" + id + "/frames")
                        .header("Accept", StreamMessage.MEDIA_TYPE).GET().build();
                HttpResponse<InputStream> answer = upstream.send(request);
                body = answer.body();
                if (closed.get()) {
                    closeBody();
                    return;
                }
                if (answer.statusCode() != 200) {
                    byte[] bytes = body.readNBytes(16384);
                    String[] p = messages.problemOf(answer.statusCode(), bytes);
                    int code = answer.statusCode() >= 400 && answer.statusCode() <= 599 ? 4000 + answer.statusCode()
                            : 4502;
                    messages.notice(out, answer.statusCode(), p[0], p[1]);
                    finish(new CloseStatus(code, PlayMessages.shorten(p[1])), "refused");
                    return;
                }
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith(StreamMessage.MEDIA_TYPE)) {
                    messages.notice(out, 502, "Not a frame stream", "the CPU service answered " + type
                            + " where a frame stream was expected");
                    finish(new CloseStatus(4502, "not a frame stream"), "bad-stream");
                    return;
                }
                lastMessage = System.nanoTime();
                streaming = true;
                relay(new DataInputStream(new BufferedInputStream(body, 65536)));
            } catch (Upstream.UpstreamException e) {
                messages.notice(out, e.status(), "CPU service unreachable", e.getMessage());
                finish(new CloseStatus(UNREACHABLE, PlayMessages.shorten(e.getMessage())), e.reason());
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    log.debug("stream of session {} broke: {}", id, e.toString());
                    finish(new CloseStatus(UNREACHABLE, "the CPU service's stream broke"), "broken");
                }
            } finally {
                closeBody();
            }
        }

        private void relay(DataInputStream in) throws IOException {
            long max = props.maxStreamMessage().toBytes();
            while (!closed.get()) {
                int type = in.read();
                if (type < 0) {
                    finish(new CloseStatus(UNREACHABLE, "the CPU service's stream ended"), "ended");
                    return;
                }
                int length = in.readInt();
                if (length < 0 || length > max) {
                    messages.notice(out, 502, "Bad frame stream", "a message of " + Integer.toUnsignedString(length)
                            + " bytes is over the relay's limit of " + max);
                    finish(new CloseStatus(4502, "bad stream message"), "bad-stream");
                    return;
                }
                byte[] message = new byte[StreamMessage.HEADER + length];
                message[0] = (byte) type;
                message[1] = (byte) (length >>> 24);
                message[2] = (byte) (length >>> 16);
                message[3] = (byte) (length >>> 8);
                message[4] = (byte) length;
                in.readFully(message, StreamMessage.HEADER, length);
                lastMessage = System.nanoTime();
                try {
                    out.sendMessage(new BinaryMessage(message));
                } catch (IOException | RuntimeException e) {
                    finish(CloseStatus.SESSION_NOT_RELIABLE, "send-failed");
                    return;
                }
                metrics.relayed(type, message.length);
                if (type == StreamMessage.END) {
                    if ("shutdown".equals(messages.endStatus(message))) {
                        // fetch-execute is stopping; the session resumes in its next process: reconnect.
                        finish(new CloseStatus(UNREACHABLE, "the CPU service is restarting"), "cpu-shutdown");
                    } else {
                        finish(new CloseStatus(CloseStatus.NORMAL.getCode(), "session ended"), "end");
                    }
                    return;
                }
            }
        }

        /** A browser's controls, checked, then posted to fetch-execute; a refusal is told to the page. */
        void input(String text) {
            List<String> held = new ArrayList<>();
            String error = null;
            try {
                JsonNode n = json.readTree(text);
                if (n.isObject() && n.size() == 1 && n.has("controlToken")) {
                    if (n.path("controlToken").isString()
                            && CONTROL_TOKEN.matcher(n.path("controlToken").asString()).matches()) {
                        controlToken = n.path("controlToken").asString();
                    } else {
                        metrics.input("bad");
                        messages.notice(out, HttpStatus.BAD_REQUEST, "Bad control token",
                                "a control token is base64url: letters, digits, '-' and '_'");
                    }
                    return;
                }
                if (!n.isObject() || n.size() != 1 || !n.path("held").isArray()) {
                    error = "an input message is {\"held\":[...]}, the controls held now";
                } else if (n.path("held").size() > MAX_HELD) {
                    error = "at most " + MAX_HELD + " controls may be held";
                } else {
                    for (JsonNode c : n.path("held")) {
                        if (!c.isString() || !CONTROL.matcher(c.asString()).matches()) {
                            error = "a control is a name such as p1-left, p1-fire, coin, p1-start";
                            break;
                        }
                        held.add(c.asString());
                    }
                }
            } catch (JacksonException e) {
                error = "an input message is JSON: {\"held\":[\"p1-left\",\"p1-fire\"]}";
            }
            if (error != null) {
                metrics.input("bad");
                messages.notice(out, HttpStatus.BAD_REQUEST, "Bad input message", error);
                return;
            }
            ObjectNode body = json.createObjectNode();
            ArrayNode list = body.putArray("held");
            held.forEach(list::add);
            HttpRequest.Builder post = upstream.request("/api/v1/sessions/" + id + "/input")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            String token = controlToken;
            if (token != null) {
                post.header(CONTROL_TOKEN_HEADER, token);
            }
            HttpRequest request = post.build();
            try {
                HttpResponse<InputStream> answer = upstream.send(request);
                byte[] bytes;
                try (InputStream in = answer.body()) {
                    bytes = in.readNBytes(16384);
                }
                int status = answer.statusCode();
                if (status / 100 == 2) {
                    metrics.input("ok");
                } else {
                    metrics.input("refused");
                    String[] p = messages.problemOf(status, bytes);
                    messages.notice(out, status, p[0], p[1]);
                }
            } catch (Upstream.UpstreamException e) {
                metrics.input("failed");
                messages.notice(out, e.status(), "CPU service unreachable", e.getMessage());
            } catch (IOException e) {
                metrics.input("failed");
                messages.notice(out, HttpStatus.BAD_GATEWAY, "CPU service failed to answer",
                        "the input was not confirmed");
            }
        }

        /** Ends the relay once: closes the WebSocket with this status and fetch-execute's stream. */
        void finish(CloseStatus status, String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            relays.remove(socketId);
            permits.release();
            metrics.streamClosed(reason);
            try {
                if (out.isOpen()) {
                    out.close(status);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("closing the WebSocket of session {}: {}", id, e.toString());
            }
            closeBody();
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt(); // a read blocked on fetch-execute's stream ends at once
            }
        }

        private void closeBody() {
            InputStream b = body;
            if (b != null) {
                try {
                    b.close();
                } catch (IOException | RuntimeException e) {
                    // already broken
                }
            }
        }
    }
}
