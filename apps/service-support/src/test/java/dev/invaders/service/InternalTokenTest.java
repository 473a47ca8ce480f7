package dev.invaders.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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

    @Test
    void aTokenFileGivesEveryReaderTheSameTokenItsHash(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("tls.key");
        // Any file of enough bytes: random ones, made here (no key material in the repository).
        byte[] bytes = new byte[121];
        new java.security.SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        MockEnvironment env = new MockEnvironment().withProperty(InternalToken.REQUIRED, "true")
                .withProperty(InternalToken.FILE, key.toString());
        InternalToken one = InternalToken.from(env);
        InternalToken two = InternalToken.from(env);
        assertThat(one.value()).hasSize(64).matches("[0-9a-f]+").isEqualTo(two.value());
        assertThat(one.value()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(key))));
    }

    @Test
    void aMissingShortOrAmbiguousTokenFileStopsTheStart(@TempDir Path dir) throws Exception {
        MockEnvironment missing = new MockEnvironment().withProperty(InternalToken.FILE, dir.resolve("none").toString());
        assertThatThrownBy(() -> InternalToken.from(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read");
        Path shortFile = Files.writeString(dir.resolve("short"), "0123");
        MockEnvironment tooShort = new MockEnvironment().withProperty(InternalToken.FILE, shortFile.toString());
        assertThatThrownBy(() -> InternalToken.from(tooShort)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 16");
        Path good = Files.writeString(dir.resolve("good"), "0123456789abcdef0123");
        MockEnvironment both = new MockEnvironment().withProperty(InternalToken.FILE, good.toString())
                .withProperty(InternalToken.PROPERTY, "0123456789abcdef");
        assertThatThrownBy(() -> InternalToken.from(both)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set one");
    }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceSupportAutoConfiguration.class))
            .withPropertyValues(InternalToken.PROPERTY + "=0123456789abcdef");

    @Test
    void internalServicesCheckTheirCallersAndTheFrontDoorDoesNot() {
        contexts.withPropertyValues(InternalToken.REQUIRED + "=true")
                .run(ctx -> assertThat(ctx).hasSingleBean(InternalAuthFilter.class));
        // the UI: it must have the token (to call fetch-execute) but answers anyone
        contexts.withPropertyValues(InternalToken.REQUIRED + "=true", InternalToken.AUTHENTICATE + "=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(InternalAuthFilter.class));
        contexts.withPropertyValues(InternalToken.REQUIRED + "=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(InternalAuthFilter.class));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceSupportAutoConfiguration.class))
                .withPropertyValues(InternalToken.REQUIRED + "=true", InternalToken.AUTHENTICATE + "=false")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
