package dev.invaders.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * DNS rebinding: the UI answers only Host names it is configured for (localhost, 127.0.0.1, [::1] by default, any
 * port), else 421 with a problem; the actuator (kubelet probes name the pod's IP) answers whatever the Host.
 */
class HostCheckTest {
    static FakeCpu cpu;
    static ConfigurableApplicationContext ui;
    static ConfigurableApplicationContext wide;

    @BeforeAll
    static void start() throws Exception {
        cpu = new FakeCpu();
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + cpu.url());
        wide = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + cpu.url(),
                "--invaders.ui.allowed-hosts=invaders.example.org,*.games.example");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {ui, wide, cpu}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    /** The status line and the rest of a raw GET with this Host header (null: none). */
    static String[] get(ConfigurableApplicationContext app, String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", Apps.port(app))) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int eol = answer.indexOf("\r\n");
            return new String[] {answer.substring(0, Math.max(0, eol)), answer};
        }
    }

    @Test
    void onlyTheAllowedHostNamesAreAnswered() throws Exception {
        int port = Apps.port(ui);
        for (String host : new String[] {"localhost", "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                "LOCALHOST:8080", "localhost."}) {
            assertThat(get(ui, "/", host)[0]).as(host).contains(" 200 ");
            assertThat(get(ui, "/api/v1/sessions", host)[0]).as(host).contains(" 200 ");
        }
        for (String host : new String[] {"evil.example", "evil.example:" + port, "localhost.evil.example",
                "127.0.0.1.nip.io:" + port, "10.0.0.5:8090", "[::2]:80"}) {
            for (String path : new String[] {"/", "/api/v1/sessions", "/js/app.js", "/api/v1/sessions/x/play"}) {
                String[] r = get(ui, path, host);
                assertThat(r[0]).as(host + " " + path).contains(" 421 ");
                assertThat(r[1]).contains("application/problem+json").contains("\"status\":421")
                        .doesNotContain("<html");
            }
        }
        // A Host Tomcat cannot parse is its own 400, as a problem.
        for (String host : new String[] {"localhost:abc", "[::1"}) {
            String[] r = get(ui, "/", host);
            assertThat(r[0]).as(host).contains(" 400 ");
            assertThat(r[1]).contains("application/problem+json");
        }
        // Probes and scrapes name the pod's address: the actuator is not checked.
        assertThat(get(ui, "/actuator/health/readiness", "10.244.0.7:8090")[0]).contains(" 200 ");
        assertThat(get(ui, "/actuator/health/liveness", "10.244.0.7:8090")[0]).contains(" 200 ");
    }

    @Test
    void theAllowListIsConfigurable() throws Exception {
        assertThat(get(wide, "/", "invaders.example.org")[0]).contains(" 200 ");
        assertThat(get(wide, "/", "play.games.example:443")[0]).contains(" 200 ");
        assertThat(get(wide, "/", "games.example")[0]).contains(" 421 ");
        assertThat(get(wide, "/", "localhost")[0]).contains(" 421 ");
    }
}
