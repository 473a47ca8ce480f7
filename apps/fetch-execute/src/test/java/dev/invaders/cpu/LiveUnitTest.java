package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invaders.cpu.live.FrameFeed;
import dev.invaders.cpu.live.LiveInput;
import dev.invaders.cpu.live.Pace;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.Mode;
import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.Input;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersMachine;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/** In process: the realtime schedule, the live input queue, and live input through the driver. */
class LiveUnitTest {
    private static final double P = Pace.FRAME_NANOS;

    @Test
    void theFramePeriodIsTheMachines() {
        assertThat(P).isBetween(16_794_000.0, 16_796_000.0);
    }

    @Test
    void aStreamFromFrameZeroReportsNoEdgesThatNeverHappened() {
        long[] never = new long[16];
        FrameFeed.Snapshot start = new FrameFeed.Snapshot(0, new byte[7168], 0, 0, never);
        assertThat(start.edgesSince(-1)).isZero();
        long[] some = new long[16];
        some[1] = 5;   // OUT 3 bit 1 rose at the end of frame 5
        some[8] = 7;   // OUT 5 bit 0 at frame 7
        FrameFeed.Snapshot later = new FrameFeed.Snapshot(7, new byte[7168], 2, 1, some);
        assertThat(later.edgesSince(-1)).isEqualTo(0x0102);
        assertThat(later.edgesSince(5)).isEqualTo(0x0100);
        assertThat(later.edgesSince(7)).isZero();
    }

    @Test
    void pacerSleepsUntilEachFrameIsDue() {
        Pace.Pacer p = new Pace.Pacer(P, 1_000);
        assertThat(p.frameDone(1_000 + 2_000_000)).isEqualTo(Math.round(P) - 2_000_000);
        // A frame that took longer than its period is made up by the next ones (no drift).
        assertThat(p.frameDone(1_000 + Math.round(2.5 * P))).isZero();
        assertThat(p.frameDone(1_000 + Math.round(2.6 * P))).isEqualTo(Math.round(3 * P) - Math.round(2.6 * P));
    }

    @Test
    void pacerStartsAgainInsteadOfBurstingWhenFarBehind() {
        long t = 0;
        Pace.Pacer p = new Pace.Pacer(P, t);
        // 5 frames behind: still catching up, no sleep.
        assertThat(p.frameDone(Math.round(6 * P))).isZero();
        assertThat(p.rebases()).isZero();
        // A stall of 20 periods: the schedule restarts from now, so the next frame waits a whole period.
        long now = Math.round(30 * P);
        assertThat(p.frameDone(now)).isZero();
        assertThat(p.rebases()).isOne();
        assertThat(p.frameDone(now + 1_000)).isEqualTo(Math.round(P) - 1_000);
        // After a pause, restart(now): the first frame is due one period later.
        long resumed = now + 5_000_000_000L;
        p.restart(resumed);
        assertThat(p.frameDone(resumed + 10)).isEqualTo(Math.round(P) - 10);
    }

    @Test
    void liveInputQueuesChangesAgainstTheLastSet() {
        LiveInput in = new LiveInput(3, 10_000, Set.of(), 0, 999);
        assertThat(in.offer(EnumSet.of(Input.COIN), 10)).isEqualTo(new LiveInput.Offer(10, 1));
        assertThat(in.offer(EnumSet.of(Input.COIN), 10)).as("the same set: nothing").isEqualTo(new LiveInput.Offer(10, 1));
        assertThat(in.offer(EnumSet.noneOf(Input.class), 10)).isEqualTo(new LiveInput.Offer(11, 2));
        assertThat(in.offer(EnumSet.of(Input.P1_LEFT, Input.P1_FIRE), 10)).isEqualTo(new LiveInput.Offer(12, 3));
        assertThat(in.appliedHeld()).isEmpty();
        assertThat(in.lastHeld()).containsExactlyInAnyOrder(Input.P1_LEFT, Input.P1_FIRE);
        assertThatThrownBy(() -> in.offer(EnumSet.of(Input.TILT), 10)).isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> {
                    assertThat(((ErrorResponseException) e).getStatusCode().value()).isEqualTo(429);
                    assertThat(((ErrorResponseException) e).getHeaders().getFirst("Retry-After")).isEqualTo("2");
                });
        assertThat(in.poll()).containsExactly(new LiveInput.Edge(Input.COIN, true));
        assertThat(in.appliedHeld()).containsExactly(Input.COIN);
        assertThat(in.poll()).containsExactly(new LiveInput.Edge(Input.COIN, false));
        assertThat(in.poll()).containsExactly(new LiveInput.Edge(Input.P1_FIRE, true), new LiveInput.Edge(Input.P1_LEFT, true));
        assertThat(in.poll()).isNull();
        assertThat(in.appliedHeld()).containsExactlyInAnyOrder(Input.P1_LEFT, Input.P1_FIRE);
    }

    @Test
    void liveInputReservesRoomInTheLogForWhatIsQueued() {
        // Reserved at the longest frame: "999 p1-fire down\n" is 17 characters, "999 p1-fire up\n" 15, so a
        // third change (60 + 17 + 15 + 17 = 109) does not fit in 106; applied at frames 5 and 6 they take
        // 15 and 13, and then it does (60 + 15 + 13 + 17 = 105).
        LiveInput in = new LiveInput(64, 106, Set.of(), 60, 999);
        in.offer(EnumSet.of(Input.P1_FIRE), 0);
        in.offer(EnumSet.noneOf(Input.class), 0);
        assertThatThrownBy(() -> in.offer(EnumSet.of(Input.P1_FIRE), 0)).isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("input log is full");
        in.poll();
        in.recorded(60 + "5 p1-fire down\n".length());
        in.poll();
        in.recorded(60 + "5 p1-fire down\n".length() + "6 p1-fire up\n".length());
        assertThat(in.offer(EnumSet.of(Input.P1_FIRE), 0).queued()).as("room once applied at shorter lines").isOne();
    }

    @Test
    void liveChangesGoIntoTheLogTheMachinePlaysOnePerFrame() {
        String script = "5 coin press 3\n";
        InvadersDriver d = new InvadersDriver(new InvadersDriver.Rom("demo", Fixtures.demoRom(), "", List.of()), 200,
                InputLog.parse(script), InstructionExecutor.of(Mode.LOCAL, null, null), 60, 64, 1 << 20);
        for (int f = 0; f < 5; f++) {
            d.runSlice();
        }
        // Queued before frame 5 (where the script presses the coin): a tap, then p1-start held.
        d.live.offer(EnumSet.of(Input.COIN), d.nextFrame());
        d.live.offer(EnumSet.noneOf(Input.class), d.nextFrame());
        d.live.offer(EnumSet.of(Input.P1_START), d.nextFrame());
        while (d.runSlice()) {
            // to the end
        }
        String recorded = d.recordedLog().toText();
        assertThat(recorded).isEqualTo("""
                5 coin down
                5 coin down
                6 coin up
                7 p1-start down
                8 coin up
                """);
        InvadersMachine m = InvadersMachine.create(Fixtures.demoRom(), DipSwitches.DEFAULT);
        m.setInputLog(InputLog.parse(recorded));
        m.runFrames(200);
        assertThat(d.stateHash()).isEqualTo(m.stateHash());
    }
}
