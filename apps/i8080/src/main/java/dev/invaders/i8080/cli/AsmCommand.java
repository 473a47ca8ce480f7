package dev.invaders.i8080.cli;

import java.util.List;

/** Placeholder until the command is written (replaced before this lands on main). */
final class AsmCommand {
    private AsmCommand() {
    }

    static int run(List<String> args) {
        throw new CliException("asm is not built yet");
    }
}
