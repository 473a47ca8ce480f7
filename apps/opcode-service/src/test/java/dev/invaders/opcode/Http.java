package dev.invaders.opcode;

import dev.invaders.service.ServiceVersion;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running service. */
record Http(int port) {
    /** The internal token of src/test/resources/config/application.properties. */
    static final String TOKEN = "test-internal-token-0123456789";
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, String contentType, String version, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST without Content-Length (chunked). */
    Answer postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpRequest signed = request.headers().firstValue("Authorization").isPresent() ? request
                    : HttpRequest.newBuilder(request, (n, v) -> true).header("Authorization", "Bearer " + TOKEN).build();
            HttpResponse<String> r = CLIENT.send(signed, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue(ServiceVersion.HEADER).orElse(null), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request body: state members as given (a JSON object's inside), defaults for the rest. */
    static String execute(int opcode, String operands, String state, String memory, String port) {
        return """
                {"opcode": %d, "operands": [%s],
                 "state": {%s},
                 "memory": [%s], "port": %s}
                """.formatted(opcode, operands, state(state), memory, port);
    }

    static String state(String overrides) {
        String defaults = "\"a\": 0, \"b\": 0, \"c\": 0, \"d\": 0, \"e\": 0, \"h\": 0, \"l\": 0, "
                + "\"stackPointer\": 9216, \"programCounter\": 256, \"cycles\": 0, \"interruptsEnabled\": false, "
                + "\"halted\": false, \"flags\": {\"sign\": false, \"zero\": false, \"auxCarry\": false, "
                + "\"parity\": false, \"carry\": false}";
        // Later duplicates would be rejected by nothing but intent; build the map instead.
        java.util.LinkedHashMap<String, String> members = new java.util.LinkedHashMap<>();
        for (String part : splitTop(defaults)) {
            members.put(name(part), part);
        }
        if (!overrides.isBlank()) {
            for (String part : splitTop(overrides)) {
                members.put(name(part), part);
            }
        }
        return String.join(", ", members.values());
    }

    private static String name(String member) {
        return member.substring(member.indexOf('"') + 1, member.indexOf('"', member.indexOf('"') + 1));
    }

    /** Splits "k": v, "k2": {...} at top-level commas. */
    private static java.util.List<String> splitTop(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{' || ch == '[') depth++;
            if (ch == '}' || ch == ']') depth--;
            if (ch == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(s.substring(start).trim());
        return out;
    }
}
