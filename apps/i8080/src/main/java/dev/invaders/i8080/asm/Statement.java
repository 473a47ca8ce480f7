package dev.invaders.i8080.asm;

import java.util.List;

/** One parsed source line; op is the upper-case mnemonic or directive, or null. */
record Statement(int line, int address, String label, String op, List<List<Token>> operands) {
}
