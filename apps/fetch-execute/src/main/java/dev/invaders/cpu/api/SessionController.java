package dev.invaders.cpu.api;

import dev.invaders.cpu.session.ControlToken;
import dev.invaders.cpu.session.Session;
import dev.invaders.cpu.session.SessionManager;
import dev.invaders.cpu.session.SessionResumer;
import dev.invaders.cpu.session.SessionView;
import dev.invaders.cpu.session.SessionViews;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API: sessions. Reading is open to anyone; changing a session (delete, pause, resume, and its input
 * in {@link LiveController}) needs the control token its creation answered, in {@link ControlToken#HEADER}.
 */
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SessionController {
    private final SessionManager sessions;
    private final SessionViews views;
    private final SessionResumer resumer;

    public SessionController(SessionManager sessions, SessionViews views, SessionResumer resumer) {
        this.sessions = sessions;
        this.views = views;
        this.resumer = resumer;
    }

    /** The answer to a create: the session's id and its control token (given here only, never again). */
    public record Created(String id, String controlToken) {
    }

    /** notResumed: sessions on the memory bus not resumed at this process's start (max-sessions reached). */
    public record SessionList(List<SessionView> sessions, int count, int maxSessions, int notResumed) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(@RequestBody SessionManager.CreateRequest body) {
        SessionManager.Created c = sessions.create(body);
        Session s = c.session();
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + s.id)).header("Cache-Control", "no-store")
                .body(new Created(s.id, c.controlToken()));
    }

    @GetMapping
    SessionList list() {
        List<SessionView> list = sessions.all().stream().map(views::view).toList();
        return new SessionList(list, list.size(), sessions.maxSessions(), resumer.notResumed());
    }

    @GetMapping("/{id}")
    SessionView get(@PathVariable String id) {
        return views.view(sessions.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
                                @RequestHeader(name = ControlToken.HEADER, required = false) String token) {
        sessions.delete(id, token);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    SessionView pause(@PathVariable String id,
                      @RequestHeader(name = ControlToken.HEADER, required = false) String token) {
        return views.view(sessions.pause(id, token));
    }

    @PostMapping("/{id}/resume")
    SessionView resume(@PathVariable String id,
                       @RequestHeader(name = ControlToken.HEADER, required = false) String token) {
        return views.view(sessions.resume(id, token));
    }
}
