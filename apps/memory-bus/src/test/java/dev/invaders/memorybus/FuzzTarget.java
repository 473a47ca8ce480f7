package dev.invaders.memorybus;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Http;
import java.util.function.Supplier;

/**
 * The memory bus's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz memory-bus}): {@link FuzzTest}'s
 * service, requests and oracle, each request's choices read from the fuzzer's input ({@link FuzzTargets}); the
 * sessions the requests create are deleted every few inputs, but the one the ids refer to.
 */
public final class FuzzTarget implements Supplier<FuzzTargets.Target> {
    @Override
    public FuzzTargets.Target get() {
        FuzzTest.start();
        Http api = new Http(Apps.url(FuzzTest.bus), Apps.TOKEN);
        return FuzzTargets.requests(FuzzTest.requests(), Apps.port(FuzzTest.bus),
                () -> FuzzTargets.deleteSessionsBut(api, FuzzTest.ID));
    }
}
