package dev.invaders.i8080.asm;

/** An error in the current source line; the assembler adds the line number. */
class SourceError extends RuntimeException {
    SourceError(String message) {
        super(message, null, false, false);
    }
}
