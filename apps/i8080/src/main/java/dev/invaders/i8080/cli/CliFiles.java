package dev.invaders.i8080.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and writing the commands' files, turning I/O failures into one-line {@link CliException}s. */
final class CliFiles {
    private CliFiles() {
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(Path.of(name));
        } catch (IOException e) {
            throw new CliException(problem("cannot read", name, e));
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException("bad file name '" + name + "'");
        }
    }

    static void write(String name, byte[] data) {
        try {
            Files.write(Path.of(name), data);
        } catch (IOException e) {
            throw new CliException(problem("cannot write", name, e));
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException("bad file name '" + name + "'");
        }
    }

    private static String problem(String what, String name, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            return Main.describe(e);
        }
        return what + " " + name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
