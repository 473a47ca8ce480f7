package dev.invaders.cpu;

import dev.invaders.i8080.CpuState;
import dev.invaders.machine.Input;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import java.util.EnumSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An Invaders session: {@link InvadersMachine} frames over a {@link RoutedProcessor}, up to a frame count. */
final class InvadersDriver extends Driver {
    final String rom;
    final long stopAfterFrames;
    final String inputText;
    final InvadersBoard board;
    final InvadersMachine machine;
    private final int checkpointEvery;
    private long lastCheckpointFrame;

    InvadersDriver(String rom, byte[] image, long stopAfterFrames, String inputText, InputLog input,
                   InstructionExecutor executor, int checkpointEvery) {
        this(rom, new InvadersBoard(image), stopAfterFrames, inputText, input, executor, checkpointEvery);
    }

    private InvadersDriver(String rom, InvadersBoard board, long stopAfterFrames, String inputText, InputLog input,
                           InstructionExecutor executor, int checkpointEvery) {
        super(new RoutedProcessor(board, board, executor));
        this.rom = rom;
        this.board = board;
        this.stopAfterFrames = stopAfterFrames;
        this.inputText = inputText;
        this.checkpointEvery = checkpointEvery;
        this.machine = new InvadersMachine(board, cpu);
        machine.setInputLog(input);
    }

    @Override
    String machine() {
        return "invaders";
    }

    @Override
    boolean runSlice() {
        if (done()) {
            return false;
        }
        machine.runFrame();
        return !done();
    }

    @Override
    boolean done() {
        return machine.frame() >= stopAfterFrames;
    }

    @Override
    long frames() {
        return machine.frame();
    }

    @Override
    String stateHash() {
        return machine.stateHash();
    }

    @Override
    long checkpointNumber() {
        return machine.frame();
    }

    @Override
    boolean checkpointDue() {
        if (machine.frame() - lastCheckpointFrame >= checkpointEvery) {
            lastCheckpointFrame = machine.frame();
            return true;
        }
        return false;
    }

    @Override
    void describe(ObjectNode m) {
        m.put("rom", rom);
        m.put("stopAfterFrames", stopAfterFrames);
        m.put("input", inputText);
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
    }

    @Override
    byte[] memoryImage() {
        return board.flatView().clone();
    }

    /** The machine a checkpoint describes, ready to run its next frame. */
    static InvadersDriver restore(JsonNode m, byte[] romImage, CpuState cpuState, byte[] memory,
                                  InstructionExecutor executor, int checkpointEvery) {
        String text = m.path("input").asString("");
        InvadersDriver d = new InvadersDriver(m.path("rom").asString(), romImage, m.path("stopAfterFrames").asLong(),
                text, InputLog.parse(text), executor, checkpointEvery);
        d.board.restoreRam(memory);
        JsonNode b = m.path("board");
        Set<Input> held = EnumSet.noneOf(Input.class);
        for (JsonNode name : b.path("held")) {
            held.add(Input.fromLogName(name.asString()));
        }
        d.board.restoreDevices(new InvadersBoard.Devices(b.path("shiftRegister").asInt(),
                b.path("shiftAmount").asInt(), b.path("soundPort3").asInt(), b.path("soundPort5").asInt(),
                b.path("watchdogFrames").asInt(), b.path("watchdogWrites").asLong(), held));
        d.cpu.restore(cpuState, m.path("eiShadow").asBoolean(), m.path("instructions").asLong());
        d.machine.restoreFrame(m.path("frame").asLong(), m.path("carry").asInt());
        d.lastCheckpointFrame = d.machine.frame();
        return d;
    }
}
