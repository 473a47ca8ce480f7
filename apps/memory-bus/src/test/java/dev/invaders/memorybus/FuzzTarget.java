package dev.invaders.memorybus;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Http;

/**
 * The memory bus's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz memory-bus}): {@link FuzzTest}'s
 * service, requests and oracle, each request's choices read from the fuzzer's input ({@link FuzzTargets}).
 */
public final class FuzzTarget {
    private static FuzzTargets.Target target;

    private FuzzTarget() {
    }

    public static void fuzzerInitialize() {
        FuzzTargets.loopbackOnly();
        FuzzTest.start();
        Http api = new Http(Apps.url(FuzzTest.bus), Apps.TOKEN);
        target = FuzzTargets.requests(FuzzTest.requests(), Apps.port(FuzzTest.bus),
                () -> FuzzTargets.deleteSessionsBut(api, FuzzTest.ID));
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        target.run(data);
    }
}
