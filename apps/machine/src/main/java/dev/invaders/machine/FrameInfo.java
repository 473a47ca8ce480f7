package dev.invaders.machine;

import java.util.List;

/**
 * What happened in one frame.
 *
 * @param frame           the 0-based number of the frame just run
 * @param cycles          CPU cycles run in it (33,536 give or take the overshoot carried between frames)
 * @param sounds          sounds started in it, in order (0 -> 1 edges on OUT 3 and OUT 5)
 * @param interruptsTaken interrupts the CPU accepted (2 when the game runs normally)
 * @param interruptsLost  interrupts offered while INTE was off, and so lost
 * @param watchdogReset   whether the watchdog reset the CPU at the end of this frame
 */
public record FrameInfo(long frame, int cycles, List<SoundEvent> sounds, int interruptsTaken,
                        int interruptsLost, boolean watchdogReset) {
}
