package dev.invaders.opcode;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;
import java.util.function.Supplier;

/**
 * The opcode service's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz opcode-service}):
 * {@link FuzzTest}'s service, requests and oracle, each request's choices read from the fuzzer's input
 * ({@link FuzzTargets}). It keeps no sessions: nothing to tidy.
 */
public final class FuzzTarget implements Supplier<FuzzTargets.Target> {
    @Override
    public FuzzTargets.Target get() {
        FuzzTest.start();
        return FuzzTargets.requests(FuzzTest.requests(), Apps.port(FuzzTest.opcode), () -> { });
    }
}
