package dev.invaders.memorybus;

import dev.invaders.service.Problems;
import dev.invaders.wire.CpuStateJson;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The request and response bodies of the memory bus API (members boxed where a client may omit them). */
public final class Api {

    private Api() {
    }

    /** The memory bus's 400 (titled "Bad request"). */
    static ErrorResponseException badRequest(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    /** {@code PUT .../memory}: the whole 64 KiB, standard base64; {@code epoch} as for a checkpoint. */
    public record MemoryImage(String image, Long epoch) {
    }

    /** {@code GET .../memory}: {@code length} bytes from {@code address}, wrapping past 0xFFFF. */
    public record MemoryRange(int address, int length, String data) {
    }

    public record Write(Integer address, Integer value) {
    }

    /** {@code POST .../memory/writes}; {@code batch}, when given, makes a retry harmless. */
    public record WriteBatch(Long batch, List<Write> writes, Long epoch) {
    }

    /**
     * @param applied   writes applied by this request (0 for a repeated batch)
     * @param duplicate true when the batch number was the last one applied and this request changed nothing
     */
    public record WriteResult(int applied, Long batch, boolean duplicate) {
    }

    /**
     * {@code PUT .../checkpoint}; {@code memory} absent: the session's current memory is taken. {@code epoch}:
     * the writer's claim (see {@link Claim}); required once the session is claimed, refused when older.
     */
    public record CheckpointRequest(Long frame, CpuStateJson cpu, JsonNode machine, String memory, Long epoch) {
    }

    /** {@code POST .../claim}: the session's new epoch, which every later change must carry. */
    public record Claim(String id, long epoch) {
    }

    /**
     * A stored checkpoint, as {@code GET .../checkpoint} returns it and as a checkpoint file holds it;
     * {@code epoch} is null for a session never claimed (and in files written before epochs existed).
     */
    public record CheckpointDocument(String id, long frame, Long batch, CpuStateJson cpu, ObjectNode machine,
                                     String memory, Long epoch) {

        static CheckpointDocument of(String id, Checkpoint c) {
            return new CheckpointDocument(id, c.frame(), c.batch(), c.cpu(), c.machine(),
                    Base64.getEncoder().encodeToString(c.memory()), c.epoch() == 0 ? null : c.epoch());
        }
    }

    /**
     * @param bytes memory held for the session: 64 KiB, twice that with a checkpoint
     * @param frame the checkpoint's frame, or null
     * @param batch the last numbered write batch applied, or null
     * @param epoch the newest claim's epoch, or null when the session was never claimed
     */
    public record SessionSummary(String id, long bytes, Long frame, Long batch, Long epoch) {
    }

    public record SessionList(List<SessionSummary> sessions, int count, int maxSessions) {
    }

    /** Standard base64 (RFC 4648 section 4, padded) of exactly 64 KiB, or a 400 naming the member. */
    static byte[] decodeImage(String member, String base64) {
        if (base64 == null) {
            throw Api.badRequest(member + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException ex) {
            throw Api.badRequest(member + " is not valid base64: " + ex.getMessage());
        }
        if (bytes.length != Session.MEMORY_SIZE) {
            throw Api.badRequest(member + " must hold exactly 65536 bytes, not " + bytes.length);
        }
        return bytes;
    }
}
