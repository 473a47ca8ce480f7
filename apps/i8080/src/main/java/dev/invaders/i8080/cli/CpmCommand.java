package dev.invaders.i8080.cli;

import java.util.List;

/** Placeholder until the command is written (replaced before this lands on main). */
final class CpmCommand {
    private CpmCommand() {
    }

    static int run(List<String> args) {
        throw new CliException("cpm is not built yet");
    }
}
