package dev.invaders.opcode;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the service refuses, with the status, a detail for people and extra problem members. */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, Object> members;

    public ApiProblem(HttpStatus status, String detail, Map<String, Object> members) {
        super(detail, null, false, false);
        this.status = status;
        this.members = Map.copyOf(members);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> members() {
        return members;
    }
}
