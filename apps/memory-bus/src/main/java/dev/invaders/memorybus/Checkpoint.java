package dev.invaders.memorybus;

import dev.invaders.wire.CpuStateJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * A consistent picture of one session at a frame boundary: the CPU, the rest of the machine (opaque
 * to the memory bus) and all 64 KiB of memory. Never changed once made (the memory array is a private
 * copy nobody writes).
 *
 * @param batch the last write batch number the memory includes, or null when none was numbered
 * @param epoch the session's epoch when the checkpoint was stored (0: never claimed)
 */
public record Checkpoint(long frame, CpuStateJson cpu, ObjectNode machine, byte[] memory, Long batch, long epoch) {
}
