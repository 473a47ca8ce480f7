package dev.invaders.opcode;

import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.opcode.ExecuteRequestJson.MemoryByteJson;
import dev.invaders.wire.CpuStateJson;
import dev.invaders.wire.CpuStates;
import java.util.List;

/** {@code POST /api/v1/execute}'s answer: {@code out} is null except for OUT. */
public record ExecuteResponseJson(CpuStateJson state, List<MemoryByteJson> writes, OutJson out, int cycles,
                                  String family, String version) {

    /** What OUT sent to a port. */
    public record OutJson(int port, int value) {
    }

    static ExecuteResponseJson of(ExecuteResult r, String family, String version) {
        return new ExecuteResponseJson(CpuStates.json(r.state()),
                r.writes().stream().map(w -> new MemoryByteJson(w.address(), w.value())).toList(),
                r.out() == null ? null : new OutJson(r.out().port(), r.out().value()), r.cycles(), family, version);
    }
}
