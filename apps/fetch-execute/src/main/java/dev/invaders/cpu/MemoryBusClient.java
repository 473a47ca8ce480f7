package dev.invaders.cpu;

import dev.invaders.i8080.CpuState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The memory bus's checkpoint API (apps/memory-bus/README.md), for the CPU's checkpoints and resume. */
@Component
public class MemoryBusClient {
    private final CpuProperties props;
    private final HttpClient http;
    private final JsonMapper json;

    public MemoryBusClient(CpuProperties props, HttpClient http, JsonMapper json) {
        this.props = props;
        this.http = http;
        this.json = json;
    }

    public boolean enabled() {
        return !props.memoryBusUrl().isEmpty();
    }

    /** A stored checkpoint. */
    record Stored(String id, long frame, CpuState cpu, JsonNode machine, byte[] memory) {
    }

    void putCheckpoint(String id, long frame, CpuState cpu, ObjectNode machine, byte[] memory)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder(90_000);
        body.append("{\"frame\":").append(frame).append(",\"cpu\":");
        Wire.state(body, cpu);
        body.append(",\"machine\":").append(json.writeValueAsString(machine)).append(",\"memory\":\"")
                .append(Base64.getEncoder().encodeToString(memory)).append("\"}");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/sessions/" + id + "/checkpoint"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IOException("the memory bus refused the checkpoint of " + id + " at " + frame + ": HTTP "
                    + r.statusCode() + " " + r.body());
        }
    }

    /** The ids of the sessions the memory bus holds. */
    List<String> sessionIds() throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/sessions")).GET());
        if (r.statusCode() != 200) {
            throw new IOException("the memory bus's session list: HTTP " + r.statusCode());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode s : json.readTree(r.body()).path("sessions")) {
            ids.add(s.path("id").asString());
        }
        return ids;
    }

    /** The session's checkpoint, or null when it has none. */
    Stored checkpoint(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/sessions/" + id + "/checkpoint")).GET());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IOException("the checkpoint of " + id + ": HTTP " + r.statusCode());
        }
        JsonNode doc = json.readTree(r.body());
        return new Stored(id, doc.path("frame").asLong(), Wire.state(doc.path("cpu")), doc.path("machine"),
                Base64.getDecoder().decode(doc.path("memory").asString()));
    }

    void delete(String id) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/api/v1/sessions/" + id)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(props.memoryBusTimeout()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(props.memoryBusUrl() + path);
    }
}
