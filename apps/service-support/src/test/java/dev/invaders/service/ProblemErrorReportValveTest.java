package dev.invaders.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** A request Tomcat refuses itself, over a socket: the valve's problem, every header and member. */
@SpringBootTest(classes = ProblemErrorReportValveTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=")
class ProblemErrorReportValveTest {
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void aNulInThePathIsAProblem() throws Exception {
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int split = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, split).toLowerCase(Locale.ROOT);
        String body = answer.substring(split + 4);
        assertThat(head).as(answer).startsWith("http/1.1 400 ")
                .contains("\r\ncontent-type: application/problem+json;charset=utf-8\r\n")
                .contains("\r\n" + ServiceVersion.HEADER.toLowerCase(Locale.ROOT) + ": unknown\r\n")
                .contains("\r\ncache-control: no-store\r\n")
                .doesNotContain("server:");
        assertThat(JsonMapper.builder().build().readValue(body, Map.class)).isEqualTo(Map.of(
                "type", "about:blank", "title", "Bad Request", "status", 400,
                "detail", "the request is not valid HTTP: its request line, URI, headers or query string were"
                        + " refused by the server before reaching the application"));
    }

    @Test
    void everyStatusHasATitleAndASentence() {
        assertThat(ProblemErrorReportValve.detail(431)).isEqualTo("the request's headers are too large");
        assertThat(ProblemErrorReportValve.detail(499)).isEqualTo("the request was refused");
    }
}
