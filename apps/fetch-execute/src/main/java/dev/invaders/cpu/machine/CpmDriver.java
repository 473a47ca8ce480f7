package dev.invaders.cpu.machine;

import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.RoutedProcessor;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.cpm.CpmMachine;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CP/M session: the core's {@link CpmMachine} (its BDOS stubs, one definition) over a
 * {@link RoutedProcessor}; finished on warm boot (or HLT, which nothing in CP/M would end).
 */
public final class CpmDriver extends Driver {
    /** Instructions per slice: small enough that a strict-mode slice stays short (stop, pause, publish). */
    static final int SLICE = 2_000;

    final CpmMachine machine;
    private final Console console;
    private final long checkpointEvery;
    private long lastCheckpoint;
    private boolean halted;

    private CpmDriver(byte[] program, Console console, InstructionExecutor executor, long checkpointEvery) {
        this.console = console;
        this.checkpointEvery = checkpointEvery;
        RoutedProcessor[] made = new RoutedProcessor[1];
        this.machine = new CpmMachine(program, console, (memory, ports) -> made[0] = new RoutedProcessor(memory,
                ports, executor));
        super(made[0]);
    }

    public static CpmDriver create(byte[] program, InstructionExecutor executor, long checkpointEvery, int maxConsole) {
        return new CpmDriver(program, new Console(maxConsole), executor, checkpointEvery);
    }

    @Override
    public String machine() {
        return "cpm";
    }

    @Override
    public boolean runSlice() {
        if (done()) {
            return false;
        }
        CpmMachine.Stop stop = machine.run(cpu.instructions() + SLICE);
        if (stop == CpmMachine.Stop.HALTED) {
            halted = true;
        }
        return !done();
    }

    @Override
    public boolean done() {
        return machine.finished() || halted;
    }

    /** Why it finished: "warm boot", "halted", or null while running. */
    String ending() {
        return machine.finished() ? "warm boot" : halted ? "halted" : null;
    }

    @Override
    public long frames() {
        return 0;
    }

    @Override
    public String console() {
        return console.text();
    }

    @Override
    public String stateHash() {
        CpuState s = cpu.state();
        ByteBuffer buf = ByteBuffer.allocate(11 + 24 + 0x10000);
        buf.put("cpm-state-1".getBytes(StandardCharsets.US_ASCII));
        buf.put((byte) s.a()).put((byte) s.b()).put((byte) s.c()).put((byte) s.d()).put((byte) s.e())
                .put((byte) s.h()).put((byte) s.l()).put((byte) s.flags());
        buf.putShort((short) s.sp()).putShort((short) s.pc());
        buf.put((byte) (s.inte() ? 1 : 0)).put((byte) (s.halted() ? 1 : 0)).put((byte) (cpu.eiShadow() ? 1 : 0));
        buf.putLong(s.cycles());
        buf.put((byte) (machine.finished() ? 1 : 0));
        buf.put(machine.memory().flatView());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buf.array(), 0, buf.position());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public long checkpointNumber() {
        return cpu.instructions();
    }

    @Override
    public boolean checkpointDue() {
        if (cpu.instructions() - lastCheckpoint >= checkpointEvery) {
            lastCheckpoint = cpu.instructions();
            return true;
        }
        return false;
    }

    @Override
    public void describe(ObjectNode m) {
        m.put("console", Base64.getEncoder().encodeToString(console.bytes()));
        m.put("consoleDropped", console.dropped);
        m.put("finished", machine.finished());
        m.put("halted", halted);
        m.put("eiShadow", cpu.eiShadow());
        m.put("instructions", cpu.instructions());
    }

    @Override
    public byte[] memoryImage() {
        return machine.memory().snapshot();
    }

    public static CpmDriver restore(JsonNode m, CpuState cpuState, byte[] memory, InstructionExecutor executor,
                             long checkpointEvery, int maxConsole) {
        Console console = new Console(maxConsole);
        byte[] printed = Base64.getDecoder().decode(m.path("console").asString(""));
        console.write(printed, 0, printed.length);
        console.dropped += m.path("consoleDropped").asLong();
        CpmDriver d = new CpmDriver(new byte[0], console, executor, checkpointEvery);
        d.machine.memory().load(0, memory);
        d.machine.setFinished(m.path("finished").asBoolean());
        d.halted = m.path("halted").asBoolean();
        d.cpu.restore(cpuState, m.path("eiShadow").asBoolean(), m.path("instructions").asLong());
        d.lastCheckpoint = d.cpu.instructions();
        return d;
    }

    /** The console: keeps the first {@code max} bytes printed, counts the rest. */
    static final class Console extends OutputStream {
        private final int max;
        private byte[] buf = new byte[256];
        private int size;
        long dropped;

        Console(int max) {
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            if (size >= max) {
                dropped++;
                return;
            }
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(max, buf.length * 2));
            }
            buf[size++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }

        synchronized byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }

        /** The bytes as text, one char per byte (ISO-8859-1), so nothing is lost or replaced. */
        synchronized String text() {
            return new String(buf, 0, size, StandardCharsets.ISO_8859_1);
        }
    }
}
