package dev.invaders.ui;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;

/**
 * The UI's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz invaders-ui}): {@link FuzzTest}'s two
 * services (the UI in front of a fetch-execute), requests and oracle, each request's choices read from the fuzzer's
 * input ({@link FuzzTargets}); the sessions the requests create are deleted every few inputs, but the live one.
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
        FuzzTargets.send(data, requests, Apps.port(FuzzTest.ui), "/actuator/health",
                () -> FuzzTargets.deleteSessionsBut(FuzzTest.api, FuzzTest.playable()));
    }
}
