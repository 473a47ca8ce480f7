package dev.invaders.opcode;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.wire.ExecuteJson;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.service.BufferedBodyRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code POST /api/v1/execute} without Spring MVC for the requests that are plainly right: a served opcode,
 * a body {@link ExecuteJson#readRequest} takes, a request {@link Execution#execute} accepts, JSON in and
 * out. Such a request is answered here, with exactly the bytes and headers {@link ExecuteController} would
 * send (one call per instruction in strict mode, and the dispatcher, Jackson's data binding and content
 * negotiation were half of a call's CPU). Every other request (a 421, a 400 of any kind, another media
 * type, method or path) goes on to the controller with its body, so every problem is the one the
 * controller and {@link OpcodeProblemAdvice} give.
 *
 * <p>Runs after the version header, the request observation (whose {@code uri} tag it sets, as MVC does)
 * and the request size filters. {@code invaders.opcode.fast-path=false} turns it off.
 */
public class ExecuteFastPath implements Filter {
    static final String PATH = "/api/v1/execute";

    private final Set<Family> served;
    private final ExecutionMetrics metrics;
    private final String version;
    private final long limit;
    private final LongAdder answered = new LongAdder();
    private final LongAdder passed = new LongAdder();

    public ExecuteFastPath(OpcodeProperties properties, ExecutionMetrics metrics, String version) {
        this.served = properties.servedFamilies();
        this.metrics = metrics;
        this.version = version;
        this.limit = properties.maxRequestSize().toBytes();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        int length = request.getContentLength();
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI()) || length <= 0
                || length > limit || !isJson(request.getContentType()) || !acceptsJson(request.getHeader("Accept"))) {
            passed.increment();
            chain.doFilter(req, res);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        long start = System.nanoTime();
        ExecuteResult result = null;
        Family family = null;
        ExecuteRequest parsed = ExecuteJson.readRequest(body, body.length);
        if (parsed != null && (parsed.opcode() & ~0xFF) == 0) {
            family = OpcodeTable.get(parsed.opcode()).family();
            if (served.contains(family)) {
                try {
                    result = Execution.execute(parsed);
                } catch (IllegalArgumentException e) {
                    result = null; // the controller answers it with the same message
                }
            }
        }
        if (result == null) {
            passed.increment();
            chain.doFilter(new BufferedBodyRequest(request, body), res);
            return;
        }
        byte[] answer = ExecuteJson.answer(result, family.serviceName(), version);
        metrics.timer(family).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH));
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        // counted before the write: a response whose full Content-Length is written is already sent, so a
        // client (a test) can read the count before a later increment would have happened
        answered.increment();
        ServletOutputStream out = response.getOutputStream();
        out.write(answer);
    }

    /** {@code application/json}, possibly with {@code charset=UTF-8}: what the controller consumes, plainly. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.replace(" ", "").toLowerCase(Locale.ROOT);
        return t.equals("application/json") || t.equals("application/json;charset=utf-8");
    }

    /** No Accept header, or one that plainly takes JSON; anything else is the controller's to negotiate. */
    static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("application/json") || accept.equals("*/*");
    }

    /** Requests answered here (for tests and the curious). */
    long answered() {
        return answered.sum();
    }

    /** Requests passed on to the controller. */
    long passed() {
        return passed.sum();
    }
}
