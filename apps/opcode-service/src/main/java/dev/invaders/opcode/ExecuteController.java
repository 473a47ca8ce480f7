package dev.invaders.opcode;

import dev.invaders.service.Problems;
import dev.invaders.service.ServiceVersion;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HTTP around {@link Execution#execute}: nothing else is read or written, so a call is safe to retry. */
@RestController
public class ExecuteController {
    private final Set<Family> served;
    private final ExecutionMetrics metrics;
    private final String version;

    public ExecuteController(OpcodeProperties properties, ExecutionMetrics metrics, ServiceVersion version) {
        this.served = properties.servedFamilies();
        this.metrics = metrics;
        this.version = version.get();
    }

    @PostMapping(path = "/api/v1/execute", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ExecuteResponseJson execute(@RequestBody ExecuteRequestJson body) {
        long start = System.nanoTime();
        if (body.opcode() == null) {
            throw Problems.badRequest("opcode is missing");
        }
        int code = body.opcode();
        if ((code & ~0xFF) != 0) {
            throw Problems.badRequest("the opcode must be a byte (0-255): " + code);
        }
        Opcode op = OpcodeTable.get(code);
        if (!served.contains(op.family())) {
            ErrorResponseException misdirected = Problems.of(HttpStatus.MISDIRECTED_REQUEST, String.format(
                    "opcode 0x%02X (%s) belongs to family %s, which this instance does not serve", code,
                    op.mnemonic(), op.family().serviceName()));
            misdirected.getBody().setProperty("family", op.family().serviceName());
            misdirected.getBody().setProperty("opcode", code);
            throw misdirected;
        }
        ExecuteResult result = Execution.execute(body.toCore());
        ExecuteResponseJson response = ExecuteResponseJson.of(result, op.family().serviceName(), version);
        metrics.timer(op.family()).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return response;
    }
}
