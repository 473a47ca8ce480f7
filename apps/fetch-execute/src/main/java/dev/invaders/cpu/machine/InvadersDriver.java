package dev.invaders.cpu.machine;

import dev.invaders.cpu.live.FrameFeed;
import dev.invaders.cpu.live.LiveInput;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.RoutedProcessor;
import dev.invaders.i8080.CpuState;
import dev.invaders.machine.Input;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Invaders session: {@link InvadersMachine} frames over a {@link RoutedProcessor}, up to a frame count,
 * with live input applied at frame boundaries and recorded in the session's input log, and each frame
 * published for the frames streams.
 *
 * <p>Live input: before a frame runs, the runner takes at most one queued change from {@link LiveInput}
 * and adds its down/up changes, stamped with this frame, to the machine's input log (after the log's own
 * changes for this frame), which the machine then applies as it applies any log. So the recorded log,
 * replayed from the ROM, makes the same machine: {@link #recordedLog()} is what a new session needs to
 * reach the same state hash.
 */
public final class InvadersDriver extends Driver {
    /** The ROM a session runs: its name in the API ("demo" or "upload"), image, SHA-256 and warnings. */
    public record Rom(String name, byte[] image, String sha256, List<String> warnings) {
        public Rom {
            warnings = List.copyOf(warnings);
        }
    }

    public final Rom rom;
    public final long stopAfterFrames;
    final InvadersBoard board;
    final InvadersMachine machine;
    public final LiveInput live;
    private final int checkpointEvery;
    private long lastCheckpointFrame;
    /** The input log so far: the creation's changes and the live ones (replaced, never changed). */
    private volatile InputLog recorded;
    private long recordedChars;
    /** The frame that runs next, for the input API. */
    private volatile long nextFrame;
    /** Per latch bit, the frame at whose end it last went from 0 to 1. */
    private final long[] lastEdge = new long[16];

    public InvadersDriver(Rom rom, long stopAfterFrames, InputLog input, InstructionExecutor executor, int checkpointEvery,
                   int inputQueue, long maxLogChars) {
        this(rom, new InvadersBoard(rom.image()), stopAfterFrames, input, executor, checkpointEvery, inputQueue,
                maxLogChars, Set.of());
    }

    private InvadersDriver(Rom rom, InvadersBoard board, long stopAfterFrames, InputLog input,
                           InstructionExecutor executor, int checkpointEvery, int inputQueue, long maxLogChars,
                           Set<Input> liveHeld) {
        super(new RoutedProcessor(board, board, executor));
        this.rom = rom;
        this.board = board;
        this.stopAfterFrames = stopAfterFrames;
        this.checkpointEvery = checkpointEvery;
        this.machine = new InvadersMachine(board, cpu);
        this.recorded = input;
        this.recordedChars = input.toText().length();
        machine.setInputLog(input);
        this.live = new LiveInput(inputQueue, maxLogChars, liveHeld, recordedChars, stopAfterFrames - 1);
    }

    @Override
    public String machine() {
        return "invaders";
    }

    @Override
    public boolean runSlice() {
        if (done()) {
            return false;
        }
        List<LiveInput.Edge> change = live.poll();
        if (change != null && !change.isEmpty()) {
            record(change);
        }
        machine.runFrame();
        int edges = board.drainLatchEdges();
        for (int b = 0; edges != 0; b++, edges >>>= 1) {
            if ((edges & 1) != 0) {
                lastEdge[b] = machine.frame();
            }
        }
        nextFrame = machine.frame();
        return !done();
    }

    /** Adds a live change for the frame about to run to the log the machine plays (and records). */
    private void record(List<LiveInput.Edge> change) {
        long frame = machine.frame();
        List<InputLog.Change> all = new ArrayList<>(recorded.changes().size() + change.size());
        all.addAll(recorded.changes());
        int digits = Long.toString(frame).length();
        for (LiveInput.Edge e : change) {
            all.add(new InputLog.Change(frame, e.input(), e.down()));
            recordedChars += e.lineLength(digits);
        }
        InputLog log = InputLog.of(all); // stable: after the log's own changes for this frame
        machine.setInputLog(log);
        recorded = log;
        live.recorded(recordedChars);
    }

    /** The session's input log: the creation's and the live changes as down/up lines, in the order applied. */
    public InputLog recordedLog() {
        return recorded;
    }

    /** The frame that runs next (the earliest a live change applies at). */
    public long nextFrame() {
        return nextFrame;
    }

    /** The frame just run, for the frames streams. */
    public FrameFeed.Snapshot frameSnapshot() {
        return new FrameFeed.Snapshot(machine.frame(), Arrays.copyOfRange(board.flatView(), InvadersBoard.VIDEO_START,
                InvadersBoard.RAM_END), board.soundPort3(), board.soundPort5(), lastEdge.clone());
    }

    @Override
    public boolean done() {
        return machine.frame() >= stopAfterFrames;
    }

    @Override
    public long frames() {
        return machine.frame();
    }

    @Override
    public String stateHash() {
        return machine.stateHash();
    }

    @Override
    public long checkpointNumber() {
        return machine.frame();
    }

    @Override
    public boolean checkpointDue() {
        if (machine.frame() - lastCheckpointFrame >= checkpointEvery) {
            lastCheckpointFrame = machine.frame();
            return true;
        }
        return false;
    }

    @Override
    public void describe(ObjectNode m) {
        m.put("rom", rom.name());
        m.put("romSha256", rom.sha256());
        m.put("stopAfterFrames", stopAfterFrames);
        m.put("input", recorded.toText());
        m.put("frame", machine.frame());
        m.put("carry", machine.carry());
        m.put("eiShadow", cpu.eiShadow());
        m.put("instructions", cpu.instructions());
        InvadersBoard.Devices d = board.devices();
        ObjectNode b = m.putObject("board");
        b.put("shiftRegister", d.shiftRegister());
        b.put("shiftAmount", d.shiftAmount());
        b.put("soundPort3", d.soundPort3());
        b.put("soundPort5", d.soundPort5());
        b.put("watchdogFrames", d.watchdogFrames());
        b.put("watchdogWrites", d.watchdogWrites());
        var held = b.putArray("held");
        d.held().stream().sorted().forEach(i -> held.add(i.logName()));
        var liveHeld = m.putArray("liveHeld");
        live.appliedHeld().forEach(i -> liveHeld.add(i.logName()));
    }

    @Override
    public byte[] memoryImage() {
        return board.flatView().clone();
    }

    /** The machine a checkpoint describes, ready to run its next frame. */
    public static InvadersDriver restore(JsonNode m, Rom rom, CpuState cpuState, byte[] memory,
                                  InstructionExecutor executor, int checkpointEvery, int inputQueue,
                                  long maxLogChars) {
        String text = m.path("input").asString("");
        JsonNode b = m.path("board");
        Set<Input> held = names(b.path("held"));
        Set<Input> liveHeld = m.has("liveHeld") ? names(m.path("liveHeld")) : held;
        InvadersDriver d = new InvadersDriver(rom, new InvadersBoard(rom.image()), m.path("stopAfterFrames").asLong(),
                InputLog.parse(text), executor, checkpointEvery, inputQueue, Math.max(maxLogChars, text.length()),
                liveHeld);
        d.board.restoreRam(memory);
        d.board.restoreDevices(new InvadersBoard.Devices(b.path("shiftRegister").asInt(),
                b.path("shiftAmount").asInt(), b.path("soundPort3").asInt(), b.path("soundPort5").asInt(),
                b.path("watchdogFrames").asInt(), b.path("watchdogWrites").asLong(), held));
        d.cpu.restore(cpuState, m.path("eiShadow").asBoolean(), m.path("instructions").asLong());
        d.machine.restoreFrame(m.path("frame").asLong(), m.path("carry").asInt());
        d.lastCheckpointFrame = d.machine.frame();
        d.nextFrame = d.machine.frame();
        return d;
    }

    private static Set<Input> names(JsonNode array) {
        Set<Input> set = EnumSet.noneOf(Input.class);
        for (JsonNode name : array) {
            Input i = Input.fromLogName(name.asString());
            if (i == null) {
                throw new IllegalArgumentException("unknown control in the checkpoint: " + name);
            }
            set.add(i);
        }
        return set;
    }
}
