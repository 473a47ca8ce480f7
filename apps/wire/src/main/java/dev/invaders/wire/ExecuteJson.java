package dev.invaders.wire;

import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;

/**
 * The opcode service's JSON ({@code POST /api/v1/execute}, docs/services.md), written and read by hand:
 * one call per instruction in strict mode, so no reflection, no tree and little garbage on that path.
 * Both ends use it: the opcode service reads requests and writes answers, the CPU writes requests and
 * reads answers.
 *
 * <p>{@link #readRequest} is a fast path, not the contract's whole reader: it takes a body only when it is
 * exactly a well-formed request in plain form (ASCII; members in any order, each at most once; numbers as
 * unsigned integers without fraction, exponent or leading zero; {@code operands}, {@code memory},
 * {@code port} and {@code state.halted} possibly {@code null}; registers in range) and answers null for
 * anything else, so that the service's general reader decides, and names the problem. What it accepts it
 * reads as the general reader does; whether the request fits its opcode is {@link Execution#execute}'s to
 * check. {@link #answer} writes exactly the bytes the service's general
 * writer writes. {@link #readAnswer} ignores members it does not know, so a newer service may add some.
 */
public final class ExecuteJson {
    private ExecuteJson() {
    }

    /** An answer as the caller reads it: the result, the family that served it and the service's version. */
    public record Answer(ExecuteResult result, String family, String version) {
    }

    /** A request body: opcode, operands, state, memory (in address order) and, for IN, the port value. */
    public static byte[] request(ExecuteRequest r) {
        return ExecuteJsonWriter.request(r);
    }

    /**
     * An answer body: {@code state}, {@code writes}, {@code out} (null but for OUT), {@code cycles},
     * {@code family}, {@code version}, in that order, without white space.
     */
    public static byte[] answer(ExecuteResult r, String family, String version) {
        return ExecuteJsonWriter.answer(r, family, version);
    }

    // --- reading -------------------------------------------------------------------------------------

    /**
     * The request in {@code body[0..length)}, or null when it is not a request in the plain form this
     * reader takes (see the class comment); then the service's general reader decides.
     */
    public static ExecuteRequest readRequest(byte[] body, int length) {
        ExecuteJsonReader in = new ExecuteJsonReader(body, length, true);
        try {
            return in.request();
        } catch (JsonCursor.NotPlain | IllegalArgumentException e) {
            return null; // not plain, or a value out of range: the general reader names the problem
        }
    }

    /**
     * Reads an execute answer for {@code opcode}; members it does not know are skipped.
     *
     * @throws IllegalArgumentException when the body is not an answer (the message says what is wrong)
     */
    public static Answer readAnswer(int opcode, byte[] body) {
        ExecuteJsonReader in = new ExecuteJsonReader(body, body.length, false);
        try {
            return in.answer(opcode);
        } catch (JsonCursor.NotPlain e) {
            throw new IllegalArgumentException("not an execute answer: " + e.getMessage() + " at offset " + in.p);
        }
    }
}
