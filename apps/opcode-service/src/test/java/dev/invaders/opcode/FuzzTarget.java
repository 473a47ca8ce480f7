package dev.invaders.opcode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;

/**
 * The opcode service's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz opcode-service}):
 * {@link FuzzTest}'s service, requests and oracle, each request's choices read from the fuzzer's input
 * ({@link FuzzTargets}). It keeps no sessions: nothing to tidy.
 */
public final class FuzzTarget {
    private static Gen<FuzzRequests.Request> requests;

    private FuzzTarget() {
    }

    public static void fuzzerInitialize() {
        FuzzTargets.loopbackOnly();
        FuzzTest.start();
        requests = FuzzTest.requests();
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        FuzzTargets.send(data, requests, Apps.port(FuzzTest.opcode), "/actuator/health", () -> { });
    }
}
