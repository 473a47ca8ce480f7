package dev.invaders.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BadEscapeFilterTest {
    @Test
    void escapesNeedTwoHexDigits() {
        assertTrue(BadEscapeFilter.validEscapes("/api/v1/sessions/a%2Fb;x=%41"));
        assertTrue(BadEscapeFilter.validEscapes("/plain"));
        assertFalse(BadEscapeFilter.validEscapes("/api/v1/sessions/;%"));
        assertFalse(BadEscapeFilter.validEscapes("/api/v1/sessions/x;a=%0r7:"));
        assertFalse(BadEscapeFilter.validEscapes("/x%4"));
    }
}
