package dev.invaders.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkipSummaryTest {

    /** Runs the classes on a launcher of its own with only a SkipSummary listening; returns what it printed. */
    private static List<String> summaryOf(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        var request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        launcher.execute(request.build(), new SkipSummary(out, "mod"));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static class ThreeWithoutTheRom {
        @Test
        void one() {
            Assumptions.assumeTrue(false, "no ROM given: set INVADERS_ROM=PATH");
        }

        @Test
        void two() {
            Assumptions.assumeTrue(false, "no ROM given: set INVADERS_ROM=PATH");
        }

        @Test
        void three() {
            Assumptions.assumeTrue(false, () -> "skipped: no ROM given: set INVADERS_ROM=PATH");
        }

        @Test
        void runs() {
            assertEquals(4, 2 + 2);
        }

        @Test
        @Disabled("broken on purpose: see the issue; remove @Disabled to run it")
        void disabled() {
        }

        @Test
        void silent() {
            Assumptions.assumeTrue(false);
        }
    }

    static class AllSkippedBeforeAll {
        @BeforeAll
        static void needsBrowser() {
            Assumptions.assumeTrue(false, "no Chromium\nat /usr/bin/chromium: apt-get install chromium");
        }

        @Test
        void a() {
        }

        @Test
        void b() {
        }
    }

    @Disabled
    static class DisabledClass {
        @Test
        void a() {
        }
    }

    @Test
    void oneLinePerReasonWithItsCount() {
        assertEquals(List.of(
                "[mod] skipped 3: no ROM given: set INVADERS_ROM=PATH",
                "[mod] skipped 1: broken on purpose: see the issue; remove @Disabled to run it",
                "[mod] skipped 1: " + SkipSummary.NO_REASON),
                summaryOf(ThreeWithoutTheRom.class));
    }

    @Test
    void aSkippedContainerCountsItsTests() {
        assertEquals(List.of("[mod] skipped 2: no Chromium at /usr/bin/chromium: apt-get install chromium",
                "[mod] skipped 1: " + SkipSummary.NO_REASON), summaryOf(AllSkippedBeforeAll.class, DisabledClass.class));
    }

    @Test
    void nothingSkippedPrintsNothing() {
        assertEquals(List.of(), summaryOf(SkipSummaryTest.Runs.class));
    }

    static class Runs {
        @Test
        void fine() {
            assertEquals(1, 1);
        }
    }

    @Test
    void reasons() {
        assertEquals("x", SkipSummary.reason("Assumption failed: x"));
        assertEquals("x y", SkipSummary.reason("skipped: x\n  y"));
        assertEquals(SkipSummary.NO_REASON, SkipSummary.reason(null));
        assertEquals(SkipSummary.NO_REASON, SkipSummary.reason("Assumption failed: assumption is not true"));
        assertEquals(SkipSummary.NO_REASON, SkipSummary.reason("class a.B is @Disabled"));
    }
}
