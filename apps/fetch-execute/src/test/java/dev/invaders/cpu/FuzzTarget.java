package dev.invaders.cpu;

import static dev.invaders.testsupport.Gen.frequency;
import static dev.invaders.testsupport.Gen.weight;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;

/**
 * Fetch-execute's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz fetch-execute}): {@link FuzzTest}'s
 * service, requests (its frames stream now and then) and oracle, each request's choices read from the fuzzer's
 * input ({@link FuzzTargets}); the sessions the requests create are deleted every few inputs, but the finished one
 * the ids refer to.
 */
public final class FuzzTarget {
    private static FuzzTargets.Target target;

    private FuzzTarget() {
    }

    public static void fuzzerInitialize() {
        FuzzTargets.loopbackOnly();
        FuzzTest.start();
        int port = Apps.port(FuzzTest.cpu);
        Gen<FuzzRequests.Request> requests = frequency(weight(20, FuzzTest.requests()), weight(1, FuzzTest.frames()));
        target = FuzzTargets.requests(requests, port,
                () -> FuzzTargets.deleteSessionsBut(FuzzTest.api, FuzzTest.finished));
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        target.run(data);
    }
}
