package dev.invaders.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class InternalTokenTest {

    @Test
    void anInternalServiceWithoutATokenDoesNotStart() {
        MockEnvironment env = new MockEnvironment().withProperty(InternalToken.REQUIRED, "true");
        assertThatThrownBy(() -> InternalToken.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INVADERS_INTERNAL_TOKEN");
    }

    @Test
    void runningOpenIsAnExplicitChoice() {
        assertThat(InternalToken.from(new MockEnvironment().withProperty(InternalToken.REQUIRED, "false")).present())
                .isFalse();
        assertThat(InternalToken.from(new MockEnvironment()).header()).isNull();
    }

    @Test
    void aTokenIsLongAndPrintableAndNeverPrinted() {
        InternalToken token = InternalToken.from(new MockEnvironment().withProperty(InternalToken.REQUIRED, "true")
                .withProperty(InternalToken.PROPERTY, "0123456789abcdef"));
        assertThat(token.header()).isEqualTo("Bearer 0123456789abcdef");
        assertThat(token.toString()).doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> new InternalToken("short")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new InternalToken("0123456789 abcdef")).isInstanceOf(IllegalStateException.class);
    }
}
