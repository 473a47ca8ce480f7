package dev.invaders.ui;

import static dev.invaders.testsupport.Gen.frequency;
import static dev.invaders.testsupport.Gen.weight;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;
import java.util.function.Supplier;

/**
 * The UI's endpoints fuzzed by Jazzer, coverage-guided ({@code .ci/fuzz invaders-ui}): {@link FuzzTest}'s two
 * services (the UI in front of a fetch-execute), requests, frames streams, play WebSocket first messages and
 * oracles, each choice read from the fuzzer's input ({@link FuzzTargets}); the sessions the requests create are
 * deleted every few inputs, but the live one.
 */
public final class FuzzTarget implements Supplier<FuzzTargets.Target> {
    @Override
    public FuzzTargets.Target get() {
        FuzzTest.start();
        int port = Apps.port(FuzzTest.ui);
        // a play message waits 200 ms for answers: rarer than the requests, which take a millisecond or two
        Gen<FuzzTargets.Step> checks = frequency(
                weight(40, FuzzTest.requests().<FuzzTargets.Step>map(r -> () -> r.sendAndCheck(port))),
                weight(2, FuzzTest.frames().<FuzzTargets.Step>map(r -> () -> r.sendAndCheck(port))),
                weight(1, FuzzTest.firstMessages().<FuzzTargets.Step>map(m -> () -> FuzzTest.play(m))));
        return new FuzzTargets.Target(checks, port,
                () -> FuzzTargets.deleteSessionsBut(FuzzTest.api, FuzzTest.playable()));
    }
}
