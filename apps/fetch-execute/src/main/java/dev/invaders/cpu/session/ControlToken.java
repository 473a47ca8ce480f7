package dev.invaders.cpu.session;

import dev.invaders.service.Problems;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;

/**
 * A session's owner capability: 256 random bits in base64url (no padding), given once to the session's creator
 * (the answer to {@code POST /api/v1/sessions}) and asked for, in the header {@link #HEADER}, by every request
 * that changes the session. The service keeps only its SHA-256 (in memory and in the session's checkpoint), and
 * compares the SHA-256 of what a request carries with it in constant time.
 */
public final class ControlToken {
    /** The request header that carries the token. */
    public static final String HEADER = "Invaders-Control-Token";
    /** The field of a checkpoint's machine object that holds the token's SHA-256 (hex). */
    static final String CHECKPOINT_FIELD = "controlTokenSha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LENGTH = 256;

    private ControlToken() {
    }

    /** A new token: 32 random bytes, base64url without padding (43 characters). */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** A stored hash read back from a checkpoint: 64 hex digits, or null when the field is absent or malformed. */
    static byte[] fromHex(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Checks a request's token against a session's stored hash.
     *
     * @throws org.springframework.web.ErrorResponseException 403 when the token is missing or is not the
     *         session's (the same answer for both, and for a session that has no token: one checkpointed
     *         before tokens existed)
     */
    static void check(Session s, String given) {
        if (given == null || given.isEmpty()) {
            throw Problems.of(HttpStatus.FORBIDDEN, "changing session " + s.id + " needs its control token in"
                    + " the header " + HEADER + " (the controlToken its creation answered)");
        }
        byte[] expected = s.controlHash;
        // Hash first, then compare fixed-size digests in constant time: the time says nothing about the token.
        boolean ok = given.length() <= MAX_LENGTH && expected != null
                && MessageDigest.isEqual(hash(given), expected);
        if (!ok) {
            throw Problems.of(HttpStatus.FORBIDDEN, "the " + HEADER + " given is not session " + s.id
                    + "'s control token");
        }
    }
}
