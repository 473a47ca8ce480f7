package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The hand-written OpenAPI document parses and names every JSON member the controller reads or writes. */
class OpenApiContractTest {

    @Test
    @SuppressWarnings("unchecked")
    void documentNamesEveryMember() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getResourceAsStream("/static/openapi.yaml")) {
            assertNotNull(in, "static/openapi.yaml on the classpath");
            doc = new Yaml().load(in);
        }
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3.1"));
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> execute = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/execute")).get("post");
        Map<String, Object> responses = (Map<String, Object>) execute.get("responses");
        for (String status : List.of("200", "400", "413", "421")) {
            assertTrue(responses.containsKey(status), "response " + status);
        }
        Set<String> documented = new HashSet<>();
        collectPropertyNames(doc, documented);
        List<String> missing = new ArrayList<>();
        for (String member : members(ExecuteRequestJson.class, new HashSet<>())) {
            if (!documented.contains(member)) missing.add(member);
        }
        for (String member : members(ExecuteResponseJson.class, new HashSet<>())) {
            if (!documented.contains(member)) missing.add(member);
        }
        for (String member : List.of("family", "opcode", "detail", "status", "title")) {
            if (!documented.contains(member)) missing.add(member);
        }
        assertEquals(List.of(), missing, "JSON members the OpenAPI document does not name");
    }

    /** Every name under a "properties" map anywhere in the document. */
    @SuppressWarnings("unchecked")
    private static void collectPropertyNames(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            Object properties = map.get("properties");
            if (properties instanceof Map<?, ?> p) {
                p.keySet().forEach(k -> out.add(String.valueOf(k)));
            }
            map.values().forEach(v -> collectPropertyNames(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectPropertyNames(v, out));
        }
    }

    /** The JSON member names of a record and of the records inside it. */
    private static Set<String> members(Class<?> type, Set<Class<?>> seen) {
        Set<String> out = new HashSet<>();
        if (!type.isRecord() || !seen.add(type)) {
            return out;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(c.getName());
            out.addAll(members(c.getType(), seen));
            Type generic = c.getGenericType();
            if (generic instanceof ParameterizedType p) {
                for (Type arg : p.getActualTypeArguments()) {
                    if (arg instanceof Class<?> k) {
                        out.addAll(members(k, seen));
                    }
                }
            }
        }
        return out;
    }
}
