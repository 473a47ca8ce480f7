package dev.invaders.service;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error answers (a request it refuses before any application code: a bad request line, a URI with
 * {@code %00}, a header or query string over its limits) as RFC 9457 problem JSON instead of its HTML page:
 * the status, its title and a fixed sentence. Nothing of the request is echoed and no stack trace or server
 * version is shown. Installed in place of the host's {@link ErrorReportValve} by
 * {@link ServiceSupportAutoConfiguration}; answers the application wrote itself (every problem of Spring MVC
 * and the filters) pass untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private final String version;

    public ProblemErrorReportValve() {
        this("unknown");
    }

    public ProblemErrorReportValve(String version) {
        this.version = version;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own: nothing below 400, nothing once a body was written, each error reported once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        ProblemDetail problem = Problems.problem(status, title, detail(status));
        problem.setType(URI.create("about:blank"));
        try {
            // Not Problems.send: Tomcat's reporter writes even where the application already took the writer.
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(ServiceVersion.HEADER, version);
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already committed: nothing more to say
        }
    }

    /** A fixed sentence per status (Tomcat's own message may repeat parts of the request: never shown). */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP: its request line, URI, headers or query string were"
                    + " refused by the server before reaching the application";
            case 404 -> "no such resource";
            case 405 -> "the method is not allowed here";
            case 408 -> "the request was not received in time";
            case 413 -> "the request is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request's headers are too large";
            case 501 -> "the request uses a method or transfer coding the server does not implement";
            case 505 -> "the HTTP version is not supported";
            default -> status >= 500 ? "the server could not answer the request" : "the request was refused";
        };
    }
}
