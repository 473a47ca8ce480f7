package dev.invaders.i8080.cli;

import java.util.List;

/** Placeholder until the command is written (replaced before this lands on main). */
final class DisasmCommand {
    private DisasmCommand() {
    }

    static int run(List<String> args) {
        throw new CliException("disasm is not built yet");
    }
}
