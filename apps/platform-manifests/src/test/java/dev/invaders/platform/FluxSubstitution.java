package dev.invaders.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux's post-build variable substitution ({@code spec.postBuild.substitute} of a Flux Kustomization):
 * {@code ${NAME}} and {@code ${NAME:=default}} in the rendering, replaced before Flux applies it. A
 * name with neither a value nor a default would become an empty string (Flux's non-strict mode), so
 * the validation reports it instead. Kustomizations without postBuild are applied as rendered.
 */
final class FluxSubstitution {

    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::=([^}]*))?}");

    private FluxSubstitution() {
    }

    /** The variables a Flux Kustomization substitutes; null when it has no postBuild (nothing is substituted). */
    static Map<String, String> variables(JsonNode fluxKustomization) {
        JsonNode pb = fluxKustomization.path("spec").path("postBuild");
        if (pb.isMissingNode()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pb.path("substitute").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vars.put(e.getKey(), e.getValue().asText());
        }
        return vars;
    }

    /** Substitutes every string of the objects in place; returns what could not be resolved. */
    static List<String> apply(List<ObjectNode> objects, Map<String, String> vars) {
        List<String> unresolved = new ArrayList<>();
        for (ObjectNode o : objects) {
            walk(o, vars, Manifests.id(o), unresolved);
        }
        return unresolved;
    }

    private static void walk(JsonNode node, Map<String, String> vars, String where, List<String> unresolved) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(substitute(e.getValue().asText(), vars, where, unresolved)));
                } else {
                    walk(e.getValue(), vars, where, unresolved);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(substitute(a.get(i).asText(), vars, where, unresolved)));
                } else {
                    walk(a.get(i), vars, where, unresolved);
                }
            }
        }
    }

    static String substitute(String s, Map<String, String> vars, String where, List<String> unresolved) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                unresolved.add(where + ": ${" + m.group(1) + "} has no value in postBuild.substitute and no default");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
