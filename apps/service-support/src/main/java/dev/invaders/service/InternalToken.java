package dev.invaders.service;

import org.springframework.core.env.Environment;

/**
 * The secret the services share to authenticate internal calls: {@code invaders.internal.token} (env
 * {@code INVADERS_INTERNAL_TOKEN}), at least {@value #MIN_LENGTH} characters. Internal services set
 * {@code invaders.internal.require-token=true} and then refuse to start without one, unless
 * {@code invaders.internal.require-token=false} says plainly that they run open (a developer's
 * choice, logged). Callers send it as {@code Authorization: Bearer <token>} ({@link #header()}).
 *
 * @param value the token, or empty when none is configured
 */
public record InternalToken(String value) {
    public static final String PROPERTY = "invaders.internal.token";
    public static final String REQUIRED = "invaders.internal.require-token";
    public static final int MIN_LENGTH = 16;

    public InternalToken {
        value = value == null ? "" : value.strip();
        if (!value.isEmpty() && (value.length() < MIN_LENGTH || !value.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalStateException(PROPERTY + " must be at least " + MIN_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** The configured token; fails when the service requires one and none is set. */
    public static InternalToken from(Environment env) {
        InternalToken token = new InternalToken(env.getProperty(PROPERTY, ""));
        if (token.value.isEmpty() && env.getProperty(REQUIRED, Boolean.class, false)) {
            throw new IllegalStateException("no internal token: set " + PROPERTY
                    + " (env INVADERS_INTERNAL_TOKEN) to the secret the services share, or "
                    + REQUIRED + "=false to run this internal service without authenticating its callers");
        }
        return token;
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
