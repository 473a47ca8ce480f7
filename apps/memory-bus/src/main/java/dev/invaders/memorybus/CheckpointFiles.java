package dev.invaders.memorybus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints on disk, one file per session, {@code <id>.checkpoint.json} holding the same document
 * {@code GET .../checkpoint} returns. A file is written beside its final name and renamed over it, so a
 * reader (or a restart) sees the old checkpoint or the new one, never part of one.
 */
final class CheckpointFiles {

    private static final Logger log = LoggerFactory.getLogger(CheckpointFiles.class);
    static final String SUFFIX = ".checkpoint.json";
    private static final String TEMP_SUFFIX = ".tmp";

    record Loaded(String id, Checkpoint checkpoint) {
    }

    private final Path dir;
    private final boolean fsync;
    private final JsonMapper mapper;

    CheckpointFiles(Path dir, boolean fsync, JsonMapper mapper) {
        this.dir = dir;
        this.fsync = fsync;
        this.mapper = mapper;
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create the checkpoint folder " + dir, ex);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("the checkpoint folder " + dir + " is not writable");
        }
    }

    Path dir() {
        return dir;
    }

    void write(String id, Checkpoint checkpoint) throws IOException {
        byte[] json = mapper.writeValueAsBytes(Api.CheckpointDocument.of(id, checkpoint));
        Path temp = Files.createTempFile(dir, id + ".", TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(temp, dir.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                forceDirectory();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + SUFFIX));
    }

    /** Every readable checkpoint in the folder; unreadable ones are logged and left alone, temp files removed. */
    List<Loaded> loadAll() {
        List<Loaded> loaded = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    String id = name.substring(0, name.length() - SUFFIX.length());
                    try {
                        loaded.add(new Loaded(id, read(id, file)));
                    } catch (RuntimeException | IOException ex) {
                        log.warn("Skipping unreadable checkpoint file {}: {}", file, ex.getMessage());
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot list the checkpoint folder " + dir, ex);
        }
        return loaded;
    }

    private Checkpoint read(String id, Path file) throws IOException {
        if (!SessionStore.validId(id)) {
            throw new IllegalArgumentException("not a session id: " + id);
        }
        Api.CheckpointDocument doc = mapper.readValue(Files.readAllBytes(file), Api.CheckpointDocument.class);
        if (!id.equals(doc.id())) {
            throw new IllegalArgumentException("the file names session " + doc.id());
        }
        if (doc.cpu() == null || doc.machine() == null || doc.frame() < 0) {
            throw new IllegalArgumentException("incomplete checkpoint");
        }
        return new Checkpoint(doc.frame(), doc.cpu().checked("cpu"), doc.machine(),
                Api.decodeImage("memory", doc.memory()), doc.batch(), doc.epoch() == null ? 0 : doc.epoch());
    }

    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ex) {
            log.debug("Cannot force the checkpoint folder {}: {}", dir, ex.getMessage());
        }
    }
}
