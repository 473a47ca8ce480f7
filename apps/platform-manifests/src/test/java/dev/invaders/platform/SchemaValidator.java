package dev.invaders.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates objects in strict mode: an unknown field or a value of the wrong type is an error.
 *
 * <p>Two sources of truth:
 * <ul>
 *   <li>Kubernetes' own kinds, the Prometheus Operator's ({@code monitoring.coreos.com}) and cert-manager's
 *       ({@code cert-manager.io}): fabric8's generated models (Maven Central), found through their
 *       {@code META-INF/services} index and deserialised with scalar coercion off; fabric8 keeps unknown
 *       fields in each object's {@code additionalProperties}, and any non-empty one is reported.</li>
 *   <li>Flux, trust-manager and Linkerd kinds: no usable offline schema source exists (see the module's
 *       README), so the JSON schemas under {@code src/test/resources/schemas/} are our own, minimal and
 *       strict ({@code additionalProperties: false}), for the fields this repository uses.</li>
 * </ul>
 * A kind with neither is an error: nothing passes unvalidated.
 */
final class SchemaValidator {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final Map<String, Class<?>> models = new HashMap<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    SchemaValidator() {
        try {
            Enumeration<URL> lists = getClass().getClassLoader()
                    .getResources("META-INF/services/" + KubernetesResource.class.getName());
            while (lists.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        String cls = line.strip();
                        if (cls.isEmpty() || cls.startsWith("#")) {
                            continue;
                        }
                        Class<?> c = Class.forName(cls, false, getClass().getClassLoader());
                        if (HasMetadata.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                            @SuppressWarnings("unchecked")
                            Class<? extends HasMetadata> hm = (Class<? extends HasMetadata>) c;
                            models.putIfAbsent(HasMetadata.getApiVersion(hm) + "/" + HasMetadata.getKind(hm), c);
                        }
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read fabric8's model index", e);
        }
    }

    /** Where a kind's schema comes from, for the report: "fabric8 model", "JSON schema" or null. */
    String source(String apiVersion, String kind) {
        if (models.containsKey(apiVersion + "/" + kind)) {
            return "fabric8 model " + models.get(apiVersion + "/" + kind).getName();
        }
        return schema(apiVersion, kind) != null ? "JSON schema " + schemaPath(apiVersion, kind) : null;
    }

    /** The problems of one object; empty when it is valid. */
    List<String> validate(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String id = Manifests.id(object);
        List<String> errors = new ArrayList<>();
        Class<?> model = models.get(apiVersion + "/" + kind);
        if (model != null) {
            try {
                Object typed = STRICT.treeToValue(object, model);
                unknownFields(typed, "", errors, new IdentityHashMap<>());
            } catch (JsonMappingException e) {
                errors.add(at(e.getPath()) + e.getOriginalMessage().lines().findFirst().orElse(e.toString()));
            } catch (IOException e) {
                errors.add(e.getMessage().lines().findFirst().orElse(e.toString()));
            }
        } else {
            JsonSchema schema = schema(apiVersion, kind);
            if (schema == null) {
                errors.add("no schema for " + apiVersion + " " + kind);
            } else {
                for (ValidationMessage m : schema.validate(object)) {
                    errors.add(m.getMessage());
                }
            }
        }
        return errors.stream().map(e -> id + ": " + e).toList();
    }

    /** Where in the object Jackson stopped, as "at spec.privateKey.size: ", or "" at the top. */
    private static String at(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "" : "at " + b + ": ";
    }

    private static String schemaPath(String apiVersion, String kind) {
        return "/schemas/" + apiVersion.replace('/', '_') + "/" + kind + ".json";
    }

    private JsonSchema schema(String apiVersion, String kind) {
        String path = schemaPath(apiVersion, kind);
        return schemas.computeIfAbsent(path, p -> {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(p)) {
                return in == null ? null : factory.getSchema(STRICT.readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable schema " + p, e);
            }
        });
    }

    /** Reports every field fabric8 did not recognise, anywhere in the object graph. */
    private static void unknownFields(Object o, String path, List<String> errors, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", errors, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), errors, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers())
                    || !g.getName().startsWith("get") || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = g.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object k : extra.keySet()) {
                        errors.add("unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + k);
                    }
                }
                continue;
            }
            String prop = Character.toLowerCase(g.getName().charAt(3)) + g.getName().substring(4);
            if (Set.of("apiVersion", "kind", "plural", "singular", "fullResourceName").contains(prop)) {
                continue;
            }
            unknownFields(value, path + "." + prop, errors, seen);
        }
    }
}
