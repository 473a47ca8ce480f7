package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.bus.MemoryBusClient;
import dev.invaders.cpu.cache.ResultCache;
import dev.invaders.cpu.live.Pace;
import dev.invaders.cpu.machine.CpmDriver;
import dev.invaders.cpu.machine.Driver;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.MeshCounter;
import dev.invaders.cpu.route.Mode;
import dev.invaders.cpu.route.OpcodeRouter;
import dev.invaders.machine.InputLog;
import dev.invaders.service.Problems;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes sessions: a new one from a create request (its members checked against the limits), or one restored
 * from a checkpoint (held to the same limits). Each gets its own executor, counting per family for the mesh.
 */
@Component
class SessionFactory {
    private final CpuProperties props;
    private final OpcodeRouter router;
    private final ResultCache cache;
    private final RomDecoder roms;

    SessionFactory(CpuProperties props, OpcodeRouter router, ResultCache cache, RomDecoder roms) {
        this.props = props;
        this.router = router;
        this.cache = cache;
        this.roms = roms;
    }

    /** A new session as the request describes it, not yet held nor started; 400/413 when the request is wrong. */
    Session create(SessionManager.CreateRequest req) {
        if (req == null || req.machine() == null) {
            throw Problems.badRequest("machine is missing: cpm or invaders");
        }
        Mode mode = req.mode() == null ? Mode.CACHED : Mode.fromWire(req.mode());
        Pace pace = req.pace() == null ? Pace.FAST : Pace.fromWire(req.pace());
        String id = UUID.randomUUID().toString();
        InstructionExecutor executor = executor(mode);
        Driver driver = switch (req.machine()) {
            case "cpm" -> cpm(req, executor);
            case "invaders" -> invaders(req, executor);
            default -> throw Problems.badRequest("unknown machine '" + req.machine() + "': cpm or invaders");
        };
        if (pace == Pace.REALTIME && !(driver instanceof InvadersDriver)) {
            throw Problems.badRequest("pace realtime is for invaders sessions; a cpm session runs fast");
        }
        return new Session(id, mode, pace, driver, Instant.now());
    }

    private Driver cpm(SessionManager.CreateRequest req, InstructionExecutor executor) {
        if (req.rom() != null || req.stopAfterFrames() != null || req.input() != null || req.romImage() != null
                || req.romFiles() != null) {
            throw Problems.badRequest("rom, romImage, romFiles, stopAfterFrames and input are for invaders sessions");
        }
        if (req.program() == null) {
            throw Problems.badRequest("program is missing: the .COM file in base64");
        }
        byte[] program;
        try {
            program = Base64.getDecoder().decode(req.program());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("program is not valid base64 (RFC 4648, padded): " + e.getMessage());
        }
        if (program.length == 0) {
            throw Problems.badRequest("program is empty");
        }
        if (program.length > props.maxProgramSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "program is " + program.length
                    + " bytes; at most " + props.maxProgramSize().toBytes() + " (a CP/M program loads at 0x0100)");
        }
        return CpmDriver.create(program, executor, props.checkpointInstructions(), maxConsole());
    }

    private Driver invaders(SessionManager.CreateRequest req, InstructionExecutor executor) {
        if (req.program() != null) {
            throw Problems.badRequest("program is for cpm sessions; an invaders session names a rom");
        }
        InvadersDriver.Rom rom = roms.rom(req);
        long frames = req.stopAfterFrames() == null ? props.defaultStopAfterFrames() : req.stopAfterFrames();
        if (frames < 1 || frames > props.maxStopAfterFrames()) {
            throw Problems.badRequest("stopAfterFrames must be 1 to " + props.maxStopAfterFrames() + ", not "
                    + frames);
        }
        String text = req.input() == null ? "" : req.input();
        if (text.length() > props.maxInputLogSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input is " + text.length()
                    + " characters; at most " + props.maxInputLogSize().toBytes());
        }
        InputLog input;
        try {
            input = InputLog.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("input is not a valid input log: " + e.getMessage());
        }
        long recorded = input.toText().length();
        if (recorded > props.maxInputLogSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input is " + recorded + " characters as down/up"
                    + " lines (the session's recorded log, 'press' being two lines); at most "
                    + props.maxInputLogSize().toBytes());
        }
        return new InvadersDriver(rom, frames, input, executor, props.checkpointFrames(), props.maxInputQueue(),
                props.maxInputLogSize().toBytes());
    }

    /** A session as its checkpoint describes it; IllegalArgumentException when the checkpoint is not valid. */
    Session restore(MemoryBusClient.Stored cp) {
        JsonNode m = cp.machine();
        // A checkpoint is input like any request: held to the limits a new session's request is.
        if (!UUID.fromString(cp.id()).toString().equals(cp.id())) {
            throw new IllegalArgumentException("not a session id this service makes: " + cp.id());
        }
        if ("invaders".equals(m.path("kind").asString())) {
            long stop = m.path("stopAfterFrames").asLong(-1);
            if (stop < 1 || stop > props.maxStopAfterFrames()) {
                throw new IllegalArgumentException("stopAfterFrames " + m.path("stopAfterFrames")
                        + " is outside 1.." + props.maxStopAfterFrames());
            }
            if (cp.frame() < 0 || cp.frame() > stop) {
                throw new IllegalArgumentException("frame " + cp.frame() + " is outside 0..stopAfterFrames");
            }
        }
        Mode mode = Mode.fromWire(m.path("mode").asString());
        Pace pace = Pace.fromWire(m.path("pace").asString("fast"));
        InstructionExecutor executor = executor(mode);
        Driver d = switch (m.path("kind").asString()) {
            case "invaders" -> InvadersDriver.restore(m, roms.restoredRom(m, cp.memory()), cp.cpu(), cp.memory(),
                    executor, props.checkpointFrames(), props.maxInputQueue(), props.maxInputLogSize().toBytes());
            case "cpm" -> CpmDriver.restore(m, cp.cpu(), cp.memory(), executor, props.checkpointInstructions(),
                    maxConsole());
            default -> throw new IllegalArgumentException("unknown machine kind " + m.path("kind"));
        };
        Instant created;
        try {
            created = Instant.parse(m.path("created").asString());
        } catch (RuntimeException e) {
            created = Instant.now();
        }
        Session s = new Session(cp.id(), mode, pace, d, created);
        s.status = Session.Status.fromWire(m.path("status").asString());
        s.controlHash = m.hasNonNull(ControlToken.CHECKPOINT_FIELD)
                ? ControlToken.fromHex(m.get(ControlToken.CHECKPOINT_FIELD).asString()) : null;
        if (m.hasNonNull("error")) {
            s.error = m.path("error").asString();
        }
        return s;
    }

    /** The session's executor, counting per family for the view's mesh. */
    private MeshCounter executor(Mode mode) {
        return new MeshCounter(InstructionExecutor.of(mode, router, cache));
    }

    private int maxConsole() {
        return (int) Math.min(Integer.MAX_VALUE - 8, props.maxConsole().toBytes());
    }
}
