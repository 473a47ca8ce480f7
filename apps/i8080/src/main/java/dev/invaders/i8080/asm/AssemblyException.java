package dev.invaders.i8080.asm;

import java.util.List;

/**
 * The source did not assemble. Carries every error found, sorted by line; {@link #getMessage()},
 * {@link #line()} and {@link #detail()} describe the first one.
 */
public final class AssemblyException extends RuntimeException {

    /** One error: the 1-based source line and what is wrong there. */
    public record Problem(int line, String message) {
    }

    private final String sourceName;
    private final List<Problem> errors;

    AssemblyException(String sourceName, List<Problem> errors) {
        super(format(sourceName, errors.getFirst()), null, false, false);
        this.sourceName = sourceName;
        this.errors = List.copyOf(errors);
    }

    private static String format(String sourceName, Problem e) {
        return sourceName + ":" + e.line() + ": " + e.message();
    }

    /** The name given to the source (a file name, or {@code "<source>"}). */
    public String sourceName() {
        return sourceName;
    }

    /** The 1-based line of the first error. */
    public int line() {
        return errors.getFirst().line();
    }

    /** What is wrong at the first error, without the name and line. */
    public String detail() {
        return errors.getFirst().message();
    }

    /** All errors, sorted by line (at most one per line). */
    public List<Problem> errors() {
        return errors;
    }
}
