package dev.invaders.testsupport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a module's test run why tests were skipped: one line per reason with how many tests
 * it skipped (most first), e.g. {@code [invaders] skipped 3: no Space Invaders ROM given: ... (or set INVADERS_ROM)}.
 * A test skips through an assumption ({@code assumeTrue(found, "why; how to run it")}) or is disabled
 * ({@code @Disabled("why")}); either way its message is the reason. A skip without one is reported as
 * such, so it can be given one.
 *
 * <p>Registered for every module's tests through {@code META-INF/services}; the project's POM makes every
 * module depend on this one (test scope).
 */
public final class SkipSummary implements TestExecutionListener {
    static final String NO_REASON = "no reason given (a skipped test must say why, and how to run it)";

    private final PrintStream out;
    private final String module;
    private final Map<String, Integer> skipped = new LinkedHashMap<>();
    private TestPlan plan;

    /** As the JUnit Platform creates it: prints to standard output, names the module by its folder. */
    public SkipSummary() {
        this(System.out, moduleName());
    }

    SkipSummary(PrintStream out, String module) {
        this.out = out;
        this.module = module;
    }

    private static String moduleName() {
        String dir = System.getProperty("basedir", System.getProperty("user.dir", ""));
        Path name = dir.isEmpty() ? null : Path.of(dir).getFileName();
        return name == null ? "tests" : name.toString();
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.clear();
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        add(id, reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(id, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        skipped.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.println("[" + module + "] skipped " + e.getValue() + ": " + e.getKey()));
        out.flush();
        skipped.clear();
    }

    /** The skipped tests: the test itself, or every test in a skipped container (at least 1). */
    private void add(TestIdentifier id, String reason) {
        int count = 1;
        if (!id.isTest() && plan != null) {
            count = (int) Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count());
        }
        skipped.merge(reason(reason), count, Integer::sum);
    }

    /** The message without JUnit's "Assumption failed: " and a leading "skipped: "; one line. */
    static String reason(String message) {
        String r = Optional.ofNullable(message).orElse("").strip();
        if (r.startsWith("Assumption failed")) {
            r = r.substring("Assumption failed".length()).strip();
            r = r.startsWith(":") ? r.substring(1).strip() : r;
        }
        if (r.regionMatches(true, 0, "skipped:", 0, "skipped:".length())) {
            r = r.substring("skipped:".length()).strip();
        }
        r = r.replaceAll("\\s*\\R\\s*", " ");
        boolean none = r.isEmpty() || r.equals("assumption is not true") || r.equals("assumption is not false")
                || r.endsWith(" is @Disabled");
        return none ? NO_REASON : r;
    }
}
