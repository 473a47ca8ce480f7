package dev.invaders.opcode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;

/**
 * The opcode service's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz opcode-service}):
 * {@link FuzzTest}'s service, requests and oracle, each request's choices read from the fuzzer's input
 * ({@link FuzzTargets}). It keeps no sessions: nothing to tidy.
 */
public final class FuzzTarget {
    private static FuzzTargets.Target target;

    private FuzzTarget() {
    }

    public static void fuzzerInitialize() {
        FuzzTargets.loopbackOnly();
        FuzzTest.start();
        target = FuzzTargets.requests(FuzzTest.requests(), Apps.port(FuzzTest.opcode), () -> { });
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        target.run(data);
    }
}
