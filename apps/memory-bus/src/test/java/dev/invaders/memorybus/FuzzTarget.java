package dev.invaders.memorybus;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;
import dev.invaders.testsupport.Http;

/**
 * The memory bus's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz memory-bus}): {@link FuzzTest}'s
 * service, requests and oracle, each request's choices read from the fuzzer's input ({@link FuzzTargets}).
 */
public final class FuzzTarget {
    private static Gen<FuzzRequests.Request> requests;
    private static Http api;

    private FuzzTarget() {
    }

    public static void fuzzerInitialize() {
        FuzzTargets.loopbackOnly();
        FuzzTest.start();
        requests = FuzzTest.requests();
        api = new Http(Apps.url(FuzzTest.bus), Apps.TOKEN);
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        FuzzTargets.send(data, requests, Apps.port(FuzzTest.bus), "/actuator/health",
                () -> FuzzTargets.deleteSessionsBut(api, FuzzTest.ID));
    }
}
