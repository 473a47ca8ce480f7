package dev.invaders.service;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problems the filters write themselves, before Spring MVC: every header and member a client sees, exactly.
 * Tomcat's own (the valve) are in {@link ProblemErrorReportValveTest}.
 */
class ProblemResponsesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static MockHttpServletResponse run(Filter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("the chain went on").isNull();
        return response;
    }

    static Map<String, Object> headers(MockHttpServletResponse response) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, String.join(", ", response.getHeaders(name)));
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(MockHttpServletResponse response) {
        byte[] body = response.getContentAsByteArray();
        assertThat(response.getContentLength()).isEqualTo(body.length);
        return JSON.readValue(body, Map.class);
    }

    @Test
    void aBadEscape() throws Exception {
        MockHttpServletResponse r = run(new BadEscapeFilter("1.2.3"), new MockHttpServletRequest("GET", "/x;a=%zz"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(headers(r)).containsExactlyInAnyOrderEntriesOf(Map.of("Content-Type", "application/problem+json",
                ServiceVersion.HEADER, "1.2.3", "Cache-Control", "no-store", "Content-Length", r.getContentLength() + ""));
        assertThat(body(r)).isEqualTo(Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                "detail", "the request's path or query has a '%' that is not followed by two hex digits"));
    }

    @Test
    void aCallerWithoutTheToken() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sessions");
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        request.addHeader("Authorization", "Bearer not-the-token-at-all");
        MockHttpServletResponse r = run(new InternalAuthFilter("0123456789abcdef"), request);
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(headers(r)).containsExactlyInAnyOrderEntriesOf(Map.of("Content-Type", "application/problem+json",
                "WWW-Authenticate", "Bearer", "Connection", "close", "Content-Length", r.getContentLength() + ""));
        assertThat(body(r)).isEqualTo(Map.of("title", "Unauthorized", "status", 401, "instance", "/",
                "detail", "this is an internal endpoint: send Authorization: Bearer with the internal token"));

        MockHttpServletRequest empty = new MockHttpServletRequest("POST", "/api/v1/sessions");
        empty.setContent(new byte[0]);
        MockHttpServletResponse bodiless = run(new InternalAuthFilter("0123456789abcdef"), empty);
        assertThat(bodiless.getStatus()).isEqualTo(401);
        assertThat(bodiless.getHeader("Connection")).as("an empty body keeps its connection").isNull();
    }

    @Test
    void aBodyOverTheLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sessions/a/writes");
        request.setContent(new byte[11]);
        MockHttpServletResponse r = run(new RequestSizeFilter(10, status -> { }), request);
        assertThat(r.getStatus()).isEqualTo(413);
        assertThat(headers(r)).containsExactlyInAnyOrderEntriesOf(Map.of("Content-Type", "application/problem+json",
                "Connection", "close", "Content-Length", r.getContentLength() + ""));
        assertThat(body(r)).isEqualTo(Map.of("title", "Request body too large", "status", 413,
                "instance", "/api/v1/sessions/a/writes", "detail", "the request body is larger than 10 bytes"));

        MockHttpServletRequest noUri = new MockHttpServletRequest("POST", "/a b");
        noUri.setContent(new byte[11]);
        assertThat(body(run(new RequestSizeFilter(10, status -> { }), noUri)))
                .as("a path that is no URI is left out").doesNotContainKey("instance");
    }

    @Test
    void aWildcardContentType() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/execute");
        request.setContentType("*/*");
        MockHttpServletResponse r = run(new RequestSizeFilter(10, status -> { }), request);
        assertThat(r.getStatus()).isEqualTo(415);
        assertThat(headers(r)).containsExactlyInAnyOrderEntriesOf(Map.of("Content-Type", "application/problem+json",
                "Connection", "close", "Content-Length", r.getContentLength() + ""));
        assertThat(body(r)).isEqualTo(Map.of("title", "Unsupported Media Type", "status", 415,
                "instance", "/api/v1/execute",
                "detail", "the Content-Type is not a valid media type (no wildcards): send application/json"));
    }

    @Test
    void anyTextIsEscaped() throws Exception {
        String detail = "a \"quoted\" back\\slash, tab\t, newline\n, NUL\u0000, DEL\u007f, \u00e9, \ud834\udd1e, \u2028, </x>";
        MockHttpServletResponse r = new MockHttpServletResponse();
        Problems.send(r, Problems.problem(409, "Stale \"batch\"\u0001", detail));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getContentType()).isEqualTo("application/problem+json");
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).doesNotContainPattern("[\\x00-\\x1f]");
        assertThat(body(r)).isEqualTo(Map.of("title", "Stale \"batch\"\u0001", "status", 409, "detail", detail));
    }
}
