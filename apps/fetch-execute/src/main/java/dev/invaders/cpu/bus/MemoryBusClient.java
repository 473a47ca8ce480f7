package dev.invaders.cpu.bus;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.http.KeepAliveClient;
import dev.invaders.cpu.http.Wire;
import dev.invaders.i8080.CpuState;
import dev.invaders.service.InternalToken;
import dev.invaders.wire.CpuStateJson;
import dev.invaders.wire.CpuStates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The memory bus's checkpoint API (apps/memory-bus/README.md), for the CPU's checkpoints and resume. A
 * plain http bus is called over {@link KeepAliveClient}'s pooled connections; only an https one gets the
 * JDK {@link HttpClient}, made on first use (one cost the CPU 9 MiB of idle RSS).
 */
@Component
public class MemoryBusClient implements DisposableBean {
    private final CpuProperties props;
    private final ObjectProvider<HttpClient> https;
    private final JsonMapper json;
    private final KeepAliveClient plain;
    private final String basePath;

    /** A status and a body. */
    private record Answer(int status, String body) {
    }

    private final String authorization;

    public MemoryBusClient(CpuProperties props, ObjectProvider<HttpClient> https, JsonMapper json,
                           InternalToken token) {
        this.props = props;
        this.authorization = token.header();
        this.https = https;
        this.json = json;
        URI base = props.memoryBusUrl().isEmpty() ? null : URI.create(props.memoryBusUrl());
        this.plain = base != null && "http".equals(base.getScheme())
                ? new KeepAliveClient(base, (int) Math.min(Integer.MAX_VALUE, props.memoryBusTimeout().toMillis()), authorization)
                : null;
        this.basePath = base == null || base.getRawPath() == null ? "" : base.getRawPath();
    }

    public boolean enabled() {
        return !props.memoryBusUrl().isEmpty();
    }

    /** A stored checkpoint. */
    public record Stored(String id, long frame, CpuState cpu, JsonNode machine, byte[] memory) {
    }

    /** The memory bus refused a change because another CPU has claimed the session since (409 Session taken over). */
    public static final class TakenOver extends IOException {
        public TakenOver(String message) {
            super(message);
        }
    }

    /** The memory bus answered a change with an error status (not a failure to reach it). */
    public static final class Refused extends IOException {
        public final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Takes the session over; returns the epoch (fencing token) every later checkpoint and delete must carry. */
    public long claim(String id) throws IOException, InterruptedException {
        Answer r = send("POST", "/api/v1/sessions/" + id + "/claim", "");
        if (r.status() != 200) {
            throw new IOException("the memory bus refused the claim of " + id + ": HTTP " + r.status() + " " + r.body());
        }
        long epoch = json.readTree(r.body()).path("epoch").asLong(0);
        if (epoch < 1) {
            throw new IOException("the memory bus's claim of " + id + " has no epoch: " + r.body());
        }
        return epoch;
    }

    public void putCheckpoint(String id, long epoch, long frame, CpuState cpu, ObjectNode machine, byte[] memory)
            throws IOException, InterruptedException {
        String body = json.writeValueAsString(new CheckpointBody(epoch, frame, CpuStates.json(cpu), machine,
                Base64.getEncoder().encodeToString(memory)));
        Answer r = send("PUT", "/api/v1/sessions/" + id + "/checkpoint", body);
        refusedAsTakenOver(id, epoch, r);
        if (r.status() != 200 && r.status() != 201) {
            throw new Refused(r.status(), "the memory bus refused the checkpoint of " + id + " at " + frame
                    + ": HTTP " + r.status() + " " + r.body());
        }
    }

    /** {@code PUT .../checkpoint}'s body: the memory as standard base64. */
    record CheckpointBody(long epoch, long frame, CpuStateJson cpu, ObjectNode machine, String memory) {
    }

    /** The ids of the sessions the memory bus holds. */
    public List<String> sessionIds() throws IOException, InterruptedException {
        Answer r = send("GET", "/api/v1/sessions", null);
        if (r.status() != 200) {
            throw new IOException("the memory bus's session list: HTTP " + r.status());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode s : json.readTree(r.body()).path("sessions")) {
            ids.add(s.path("id").asString());
        }
        return ids;
    }

    /** The session's checkpoint, or null when it has none. */
    public Stored checkpoint(String id) throws IOException, InterruptedException {
        Answer r = send("GET", "/api/v1/sessions/" + id + "/checkpoint", null);
        if (r.status() == 404) {
            return null;
        }
        if (r.status() != 200) {
            throw new IOException("the checkpoint of " + id + ": HTTP " + r.status());
        }
        JsonNode doc = json.readTree(r.body());
        // the cpu's members that a newer memory bus may add are skipped
        CpuStateJson cpu = json.readerFor(CpuStateJson.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(doc.path("cpu"));
        return new Stored(id, doc.path("frame").asLong(), CpuStates.state(cpu, "cpu"), doc.path("machine"),
                Base64.getDecoder().decode(doc.path("memory").asString()));
    }

    public void delete(String id, long epoch) throws IOException, InterruptedException {
        Answer r = send("DELETE", "/api/v1/sessions/" + id + "?epoch=" + epoch, null);
        refusedAsTakenOver(id, epoch, r);
        if (r.status() != 204 && r.status() != 404) {
            throw new IOException("the memory bus refused to delete " + id + ": HTTP " + r.status() + " " + r.body());
        }
    }

    /** The memory bus's 409 for a stale epoch says so in its problem's {@code takenOver} member. */
    private void refusedAsTakenOver(String id, long epoch, Answer r) throws TakenOver {
        if (r.status() == 409 && problem(r).path("takenOver").asBoolean(false)) {
            throw new TakenOver("another CPU took session " + id + " over at the memory bus (this CPU's epoch "
                    + epoch + " is stale)");
        }
    }

    private JsonNode problem(Answer r) {
        try {
            JsonNode problem = json.readTree(r.body());
            return problem == null ? MissingNode.getInstance() : problem;
        } catch (JacksonException e) {
            return MissingNode.getInstance(); // not the memory bus's problem JSON
        }
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        if (plain != null) {
            KeepAliveClient.Response r = plain.send(method, basePath + path,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
            return new Answer(r.status(), new String(r.body(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(props.memoryBusUrl() + path))
                .timeout(props.memoryBusTimeout()).header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = https.getObject().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    @Override
    public void destroy() {
        if (plain != null) {
            plain.close();
        }
    }
}
