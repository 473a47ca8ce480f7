package dev.invaders.loadtest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** ./run-local's ports for a load test: seven free in a row, outside the kernel's ephemeral range. */
class FreePortsTest {
    @Test
    void sevenFreePortsBelowTheEphemeralRange() throws Exception {
        int low = Main.ephemeralLow();
        for (int i = 0; i < 20; i++) {
            int p = Main.freePorts();
            if (low > 10_007) {
                assertTrue(p >= 10_000 && p + 6 < low, p + " to " + (p + 6) + " must be below " + low);
            }
            for (int k = 0; k <= 6; k++) {
                int port = p + k;
                assertDoesNotThrow(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close());
            }
        }
    }
}
