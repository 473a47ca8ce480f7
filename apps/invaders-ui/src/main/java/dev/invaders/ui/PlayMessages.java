package dev.invaders.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link PlayHandler} tells the page and reads from fetch-execute's messages: problem notices, the problem
 * an answer carries, the status an END names, and close reasons cut to a WebSocket's limit.
 */
final class PlayMessages {
    /** PlayHandler's logger: the notices are its. */
    private static final Logger log = LoggerFactory.getLogger(PlayHandler.class);

    private final JsonMapper json;

    PlayMessages(JsonMapper json) {
        this.json = json;
    }

    void notice(WebSocketSession out, HttpStatus status, String title, String detail) {
        notice(out, status.value(), title, detail);
    }

    void notice(WebSocketSession out, int status, String title, String detail) {
        ObjectNode n = json.createObjectNode();
        n.put("type", "problem");
        n.put("status", status);
        n.put("title", title);
        n.put("detail", detail);
        try {
            out.sendMessage(new TextMessage(json.writeValueAsString(n)));
        } catch (IOException | RuntimeException e) {
            log.debug("could not send a notice: {}", e.toString());
        }
    }

    /** The problem an answer of fetch-execute's carries: its title and detail, or a sentence about its status. */
    String[] problemOf(int status, byte[] body) {
        String title = "CPU service answered " + status;
        String detail = "the CPU service answered " + status;
        try {
            JsonNode p = json.readTree(new String(body, StandardCharsets.UTF_8));
            if (p.isObject()) {
                if (p.path("title").isString()) {
                    title = p.path("title").asString();
                }
                if (p.path("detail").isString()) {
                    detail = p.path("detail").asString();
                }
            }
        } catch (JacksonException e) {
            // not a problem body: keep the sentence
        }
        return new String[] {title, detail};
    }

    /** The status an END message names (finished, failed, deleted, shutdown), or "" when it names none. */
    String endStatus(byte[] message) {
        try {
            JsonNode end = json.readTree(new String(message, StreamMessage.HEADER, message.length - StreamMessage.HEADER,
                    StandardCharsets.UTF_8));
            return end.path("status").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    /** A WebSocket close reason is at most 123 bytes of UTF-8. */
    static String shorten(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 120) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
