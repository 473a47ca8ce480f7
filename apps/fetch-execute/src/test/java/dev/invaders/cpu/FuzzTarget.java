package dev.invaders.cpu;

import static dev.invaders.testsupport.Gen.frequency;
import static dev.invaders.testsupport.Gen.weight;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;
import java.util.function.Supplier;

/**
 * Fetch-execute's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz fetch-execute}): {@link FuzzTest}'s
 * service, requests (its frames stream now and then) and oracle, each request's choices read from the fuzzer's
 * input ({@link FuzzTargets}); the sessions the requests create are deleted every few inputs, but the finished one
 * the ids refer to.
 */
public final class FuzzTarget implements Supplier<FuzzTargets.Target> {
    @Override
    public FuzzTargets.Target get() {
        FuzzTest.start();
        return FuzzTargets.requests(frequency(weight(20, FuzzTest.requests()), weight(1, FuzzTest.frames())),
                Apps.port(FuzzTest.cpu), () -> FuzzTargets.deleteSessionsBut(FuzzTest.api, FuzzTest.finished));
    }
}
