package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.MeshCounter;
import dev.invaders.cpu.route.Mode;
import dev.invaders.cpu.route.OpcodeRouter;
import dev.invaders.i8080.Family;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a session looks like from outside: the view GET answers (with the mesh: per opcode family over the last
 * second, where it ran, the version that answered, calls and cache hits) and the frames stream's STATS.
 */
@Component
public class SessionViews {
    private final CpuProperties props;
    private final OpcodeRouter router;
    private final JsonMapper json;

    SessionViews(CpuProperties props, OpcodeRouter router, JsonMapper json) {
        this.props = props;
        this.router = router;
        this.json = json;
    }

    /** The session as GET shows it. */
    public SessionView view(Session s) {
        return view(s, s.lastSecond(System.nanoTime()));
    }

    private SessionView view(Session s, Session.Window w) {
        Session.Snapshot snap = s.snapshot;
        InvadersDriver inv = s.driver instanceof InvadersDriver d ? d : null;
        return new SessionView(s.id, s.driver.machine(), s.mode.wireName(), s.pace.wireName(), s.status.wireName(),
                inv == null ? null : inv.rom.name(), inv == null ? null : inv.stopAfterFrames, snap.instructions(),
                snap.cycles(), snap.frames(), snap.countedAt(), Math.round(s.instructionsPerSecond),
                Math.round(w.framesPerSecond() * 100) / 100.0, Math.round(w.cyclesPerSecond() / 1e3) / 1e3,
                inv == null ? snap.console() : null, snap.stateHash(), snap.hits(), snap.misses(), snap.calls(),
                s.created.toString(), s.error, inv == null ? List.of() : inv.rom.warnings(), mesh(s, w),
                s.checkpointError);
    }

    /** A STATS message of the frames stream: the view, with instructionsPerSecond over the last second. */
    public ObjectNode stats(Session s) {
        Session.Window w = s.lastSecond(System.nanoTime());
        ObjectNode n = (ObjectNode) json.valueToTree(view(s, w));
        n.put("instructionsPerSecond", Math.round(w.instructionsPerSecond()));
        return n;
    }

    private List<SessionView.MeshEntry> mesh(Session s, Session.Window w) {
        List<SessionView.MeshEntry> out = new ArrayList<>();
        for (int f = 0; f < w.executed().length; f++) {
            if (w.executed()[f] == 0) {
                continue;
            }
            Family family = MeshCounter.FAMILIES[f];
            String route = s.mode == Mode.LOCAL ? CpuProperties.LOCAL : props.routeOf(family);
            String version;
            if (CpuProperties.LOCAL.equals(route)) {
                version = "library";
            } else {
                version = router.versionOf(MeshCounter.OPCODE_OF[f]);
                if (version == null) {
                    version = "unknown";
                }
            }
            out.add(new SessionView.MeshEntry(family.serviceName(), route, version, w.executed()[f] - w.hits()[f],
                    w.hits()[f]));
        }
        return out;
    }
}
