package dev.invaders.cpu.api;

import dev.invaders.cpu.cache.ResultCache;
import dev.invaders.cpu.route.OpcodeRouter;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/routes}: where each opcode family executes, and the cache's size. */
@RestController
public class RoutesController {
    private final OpcodeRouter router;
    private final ResultCache cache;

    public RoutesController(OpcodeRouter router, ResultCache cache) {
        this.router = router;
        this.cache = cache;
    }

    public record Routes(Map<String, String> routes, int cacheEntries, long cacheHits, long cacheMisses) {
    }

    @GetMapping(path = "/api/v1/routes", produces = MediaType.APPLICATION_JSON_VALUE)
    Routes routes() {
        return new Routes(router.describe(), cache.size(), cache.hits(), cache.misses());
    }
}
