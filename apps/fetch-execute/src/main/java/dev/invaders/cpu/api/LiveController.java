package dev.invaders.cpu.api;

import dev.invaders.cpu.live.FrameStreamer;
import dev.invaders.cpu.live.LiveInput;
import dev.invaders.cpu.session.ControlToken;
import dev.invaders.cpu.session.Session;
import dev.invaders.cpu.session.SessionManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Live play: a session's input (the controls held) and its frames stream. */
@RestController
@RequestMapping("/api/v1/sessions/{id}")
public class LiveController {
    private final SessionManager sessions;
    private final FrameStreamer streamer;

    public LiveController(SessionManager sessions, FrameStreamer streamer) {
        this.sessions = sessions;
        this.streamer = streamer;
    }

    /** The body of {@code POST .../input}: every control held now (log names). */
    public record InputRequest(List<String> held) {
    }

    /**
     * The answer: the frame from which the set is in effect at the earliest (before that frame runs), and
     * how many changes wait for frame boundaries (this one included).
     */
    public record InputAccepted(long frame, int queued) {
    }

    @PostMapping(path = "/input", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InputAccepted> input(@PathVariable String id, @RequestBody InputRequest body,
            @org.springframework.web.bind.annotation.RequestHeader(name = ControlToken.HEADER, required = false)
            String token) {
        LiveInput.Offer offer = sessions.input(id, body == null ? null : body.held(), token);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new InputAccepted(offer.frame(), offer.queued()));
    }

    @GetMapping(path = "/input", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> inputLog(@PathVariable String id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(sessions.inputLog(id));
    }

    /** The frames stream (docs/services.md): 404 and 429 come as problems before it starts. */
    @GetMapping("/frames")
    void frames(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Session s = sessions.get(id);
        if ("HEAD".equals(request.getMethod())) {
            // Headers only: a HEAD must not hold a subscriber's place while nothing can be written.
            response.setContentType(FrameStreamer.MEDIA_TYPE);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        streamer.join(s);
        boolean joined = true;
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(FrameStreamer.MEDIA_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            var out = response.getOutputStream();
            joined = false;
            streamer.stream(s, out);
        } finally {
            if (joined) {
                streamer.leave(s);
            }
        }
    }
}
