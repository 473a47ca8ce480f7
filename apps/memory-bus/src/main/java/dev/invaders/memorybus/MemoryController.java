package dev.invaders.memorybus;

import dev.invaders.service.Problems;
import dev.invaders.wire.CpuStateJson;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP API of docs/services.md; every input is checked here before the store sees it. */
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public class MemoryController {

    private final SessionStore store;

    public MemoryController(SessionStore store) {
        this.store = store;
    }

    @GetMapping
    public Api.SessionList sessions() {
        List<Api.SessionSummary> all = store.list();
        return new Api.SessionList(all, all.size(), store.maxSessions());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) Long epoch) {
        store.delete(SessionStore.checkId(id), checkEpoch(epoch));
        return ResponseEntity.noContent().build();
    }

    /** Takes the session over (a CPU resuming it): 200 with the new epoch that its changes must carry. */
    @PostMapping("/{id}/claim")
    public Api.Claim claim(@PathVariable String id) {
        SessionStore.checkId(id);
        return new Api.Claim(id, store.claim(id));
    }

    private static Long checkEpoch(Long epoch) {
        if (epoch != null && epoch < 1) {
            throw Api.badRequest("epoch must be at least 1, not " + epoch);
        }
        return epoch;
    }

    @PutMapping(path = "/{id}/memory", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Api.SessionSummary> initialise(@PathVariable String id,
                                                         @RequestBody Api.MemoryImage body) {
        SessionStore.checkId(id);
        byte[] image = Api.decodeImage("image", body.image());
        boolean created = store.initialise(id, image, checkEpoch(body.epoch()));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(store.summary(id));
    }

    @GetMapping("/{id}/memory")
    public Api.MemoryRange read(@PathVariable String id, @RequestParam int address, @RequestParam int length) {
        SessionStore.checkId(id);
        if (address < 0 || address > 0xFFFF) {
            throw Api.badRequest("address must be 0..65535, not " + address);
        }
        if (length < 1 || length > Session.MEMORY_SIZE) {
            throw Api.badRequest("length must be 1..65536, not " + length);
        }
        byte[] data = store.read(id, address, length);
        return new Api.MemoryRange(address, length, Base64.getEncoder().encodeToString(data));
    }

    @PostMapping(path = "/{id}/memory/writes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Api.WriteResult write(@PathVariable String id, @RequestBody Api.WriteBatch body) {
        SessionStore.checkId(id);
        List<Api.Write> writes = body.writes();
        if (writes == null) {
            throw Api.badRequest("writes is missing");
        }
        if (writes.size() > store.maxBatch()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Batch too large",
                    "A batch holds at most " + store.maxBatch() + " writes, not " + writes.size());
        }
        if (body.batch() != null && body.batch() < 0) {
            throw Api.badRequest("batch must not be negative: " + body.batch());
        }
        int[] addresses = new int[writes.size()];
        int[] values = new int[writes.size()];
        for (int i = 0; i < addresses.length; i++) {
            Api.Write w = writes.get(i);
            if (w == null || w.address() == null || w.value() == null) {
                throw Api.badRequest("writes[" + i + "] needs an address and a value");
            }
            if (w.address() < 0 || w.address() > 0xFFFF) {
                throw Api.badRequest("writes[" + i + "].address must be 0..65535, not " + w.address());
            }
            if (w.value() < 0 || w.value() > 0xFF) {
                throw Api.badRequest("writes[" + i + "].value must be 0..255, not " + w.value());
            }
            addresses[i] = w.address();
            values[i] = w.value();
        }
        return store.write(id, body.batch(), checkEpoch(body.epoch()), addresses, values);
    }

    @PutMapping(path = "/{id}/checkpoint", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Api.SessionSummary> checkpoint(@PathVariable String id,
                                                         @RequestBody Api.CheckpointRequest body) {
        SessionStore.checkId(id);
        if (body.frame() == null) {
            throw Api.badRequest("frame is missing");
        }
        if (body.frame() < 0) {
            throw Api.badRequest("frame must not be negative: " + body.frame());
        }
        if (body.cpu() == null) {
            throw Api.badRequest("cpu is missing");
        }
        if (body.cpu().halted() == null) {
            throw Api.badRequest("cpu.halted is missing"); // required here (README), unlike in an execute call
        }
        CpuStateJson cpu;
        try {
            cpu = body.cpu().checked("cpu");
        } catch (IllegalArgumentException e) {
            throw Api.badRequest(e.getMessage());
        }
        JsonNode machine = body.machine();
        ObjectNode machineObject;
        if (machine == null || machine.isNull()) {
            machineObject = JsonNodeFactory.instance.objectNode();
        } else if (machine instanceof ObjectNode o) {
            machineObject = o;
        } else {
            throw Api.badRequest("machine must be a JSON object");
        }
        byte[] memory = body.memory() == null ? null : Api.decodeImage("memory", body.memory());
        boolean created = store.checkpoint(id, body.frame(), checkEpoch(body.epoch()), cpu, machineObject, memory);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(store.summary(id));
    }

    @GetMapping("/{id}/checkpoint")
    public Api.CheckpointDocument checkpoint(@PathVariable String id) {
        SessionStore.checkId(id);
        Checkpoint c = store.checkpoint(id);
        if (c == null) {
            throw Problems.of(HttpStatus.NOT_FOUND, "No checkpoint", "Session '" + id + "' has no checkpoint yet");
        }
        return Api.CheckpointDocument.of(id, c);
    }
}
