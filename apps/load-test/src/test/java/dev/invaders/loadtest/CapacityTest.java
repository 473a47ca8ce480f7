package dev.invaders.loadtest;

import dev.invaders.wire.ExecuteJson;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.Execution;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityTest {
    private static String input() throws Exception {
        return Files.readString(Main.root().resolve("apps/machine/examples/demo-game.input"));
    }

    @Test
    void theTraceHoldsValidExecuteRequestsAndEveryCallsFamily() throws Exception {
        Capacity.Trace t = Capacity.trace(input(), 60, 500);
        long sum = t.perFamily().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(t.calls(), sum);
        assertTrue(t.calls() > 60 * 1000, "a frame is thousands of instructions: " + t.calls());
        assertEquals(500, t.bodies().size());
        for (byte[] body : t.bodies()) {
            // what the opcode service reads: strict parsing, the declared bytes; and it executes
            ExecuteRequest r = ExecuteJson.readRequest(body, body.length);
            Execution.execute(r);
        }
        List<Map<String, Object>> fams = Capacity.families(t);
        double first = ((Number) fams.getFirst().get("calls")).doubleValue();
        double last = ((Number) fams.getLast().get("calls")).doubleValue();
        assertTrue(first >= last, "busiest first");
        assertTrue(fams.stream().anyMatch(f -> f.get("family").equals("rst")), "the interrupts' RSTs are calls too");
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        for (String[] bad : new String[][]{{"--quotas", "0"}, {"--quotas", "x"}, {"--concurrency", "0"},
            {"--concurrency", "65"}, {"--seconds", "61"}, {"--frames", "10"}, {"--what"}, {"--out", ""}, {"--seconds"}, {"--scale-out", "5"}, {"--scale-out", "0"}}) {
            assertThrows(Options.UsageException.class, () -> Capacity.parse(List.of(bad), Path.of("/r"), "x"), String.join(" ", bad));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("capacity"));
            args.addAll(List.of(bad));
            int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                    new java.util.concurrent.atomic.AtomicReference<>());
            assertEquals(2, code);
            assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void defaults() throws Exception {
        Capacity.Opts o = Capacity.parse(List.of(), Path.of("/r"), "s");
        assertEquals(List.of(0.25, 0.5, 1.0), o.quotas());
        assertEquals(List.of(1, 2, 4, 8, 16), o.concurrency());
        assertEquals(Path.of("/r/load-test-results/capacity-s"), o.out());
        assertEquals(List.of(), o.scaleOut());
        assertEquals(List.of(1, 2, 4), Capacity.parse(List.of("--scale-out=1,2,4"), Path.of("/r"), "s").scaleOut());
    }
}
