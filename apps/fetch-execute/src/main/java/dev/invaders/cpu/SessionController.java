package dev.invaders.cpu;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public API: sessions. */
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SessionController {
    private final SessionManager sessions;

    public SessionController(SessionManager sessions) {
        this.sessions = sessions;
    }

    public record Created(String id) {
    }

    /** notResumed: sessions on the memory bus not resumed at this process's start (max-sessions reached). */
    public record SessionList(List<SessionView> sessions, int count, int maxSessions, int notResumed) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(@RequestBody SessionManager.CreateRequest body) {
        Session s = sessions.create(body);
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + s.id)).body(new Created(s.id));
    }

    @GetMapping
    SessionList list() {
        List<SessionView> views = sessions.all().stream().map(sessions::view).toList();
        return new SessionList(views, views.size(), sessions.maxSessions(), sessions.notResumed());
    }

    @GetMapping("/{id}")
    SessionView get(@PathVariable String id) {
        return sessions.view(sessions.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        sessions.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    SessionView pause(@PathVariable String id) {
        return sessions.view(sessions.pause(id));
    }

    @PostMapping("/{id}/resume")
    SessionView resume(@PathVariable String id) {
        return sessions.view(sessions.resume(id));
    }
}
