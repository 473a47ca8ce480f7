package dev.invaders.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.env.Environment;

/**
 * The secret the services share to authenticate internal calls, at least {@value #MIN_LENGTH} characters,
 * from one of two places:
 * <ul>
 *   <li>{@code invaders.internal.token} (env {@code INVADERS_INTERNAL_TOKEN}): the token itself
 *       ({@code ./run-local} and the container tier make a new one for each run);</li>
 *   <li>{@code invaders.internal.token-file} (env {@code INVADERS_INTERNAL_TOKEN_FILE}): a file of random
 *       bytes every service mounts (in a cluster, the private key of a cert-manager Certificate: made in
 *       the cluster, never in Git); the token is the SHA-256 of the file's bytes, in hex, so every pod
 *       that mounts the same file has the same token. Read once, at the start.</li>
 * </ul>
 * Both at once is a mistake and refused. A service that sets {@code invaders.internal.require-token=true}
 * (every service: the internal ones check their callers' token, the UI needs it to call fetch-execute)
 * refuses to start without one, unless {@code invaders.internal.require-token=false} says plainly that it
 * runs open (a developer's choice, logged). Callers send it as {@code Authorization: Bearer <token>}
 * ({@link #header()}).
 *
 * @param value the token, or empty when none is configured
 */
public record InternalToken(String value) {
    public static final String PROPERTY = "invaders.internal.token";
    public static final String FILE = "invaders.internal.token-file";
    public static final String REQUIRED = "invaders.internal.require-token";
    /** Whether the service checks its callers' token; by default what require-token says (false in the UI). */
    public static final String AUTHENTICATE = "invaders.internal.authenticate-callers";
    public static final int MIN_LENGTH = 16;

    public InternalToken {
        value = value == null ? "" : value.strip();
        if (!value.isEmpty() && (value.length() < MIN_LENGTH || !value.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalStateException(PROPERTY + " must be at least " + MIN_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** The configured token; fails when the service requires one and none is set, or when both sources are set. */
    public static InternalToken from(Environment env) {
        String direct = env.getProperty(PROPERTY, "").strip();
        String file = env.getProperty(FILE, "").strip();
        if (!direct.isEmpty() && !file.isEmpty()) {
            throw new IllegalStateException("both " + PROPERTY + " (env INVADERS_INTERNAL_TOKEN) and " + FILE
                    + " (env INVADERS_INTERNAL_TOKEN_FILE) are set: set one");
        }
        InternalToken token = new InternalToken(file.isEmpty() ? direct : fromFile(Path.of(file)));
        if (token.value.isEmpty() && env.getProperty(REQUIRED, Boolean.class, false)) {
            throw new IllegalStateException("no internal token: set " + PROPERTY
                    + " (env INVADERS_INTERNAL_TOKEN) to the secret the services share, or " + FILE
                    + " (env INVADERS_INTERNAL_TOKEN_FILE) to a file of random bytes they all mount, or "
                    + REQUIRED + "=false to run this service without the internal token");
        }
        return token;
    }

    /** The hex SHA-256 of the file's bytes; fails when it cannot be read or holds fewer than 16 bytes. */
    static String fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(FILE + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "); in a cluster, is the Secret mounted there?", e);
        }
        if (bytes.length < MIN_LENGTH) {
            throw new IllegalStateException(FILE + ": " + file + " holds " + bytes.length
                    + " bytes; it must hold at least " + MIN_LENGTH + " random bytes");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean present() {
        return !value.isEmpty();
    }

    /** The Authorization header's value, or null when no token is configured. */
    public String header() {
        return present() ? "Bearer " + value : null;
    }

    @Override
    public String toString() {
        return present() ? "InternalToken[set]" : "InternalToken[none]";
    }
}
