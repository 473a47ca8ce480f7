package dev.invaders.opcode;

/** The bodies of execute requests, for the tests. */
final class Requests {
    private Requests() {
    }

    /** A request body: state members as given (a JSON object's inside), defaults for the rest. */
    static String execute(int opcode, String operands, String state, String memory, String port) {
        return """
                {"opcode": %d, "operands": [%s],
                 "state": {%s},
                 "memory": [%s], "port": %s}
                """.formatted(opcode, operands, state(state), memory, port);
    }

    static String state(String overrides) {
        String defaults = "\"a\": 0, \"b\": 0, \"c\": 0, \"d\": 0, \"e\": 0, \"h\": 0, \"l\": 0, "
                + "\"stackPointer\": 9216, \"programCounter\": 256, \"cycles\": 0, \"interruptsEnabled\": false, "
                + "\"halted\": false, \"flags\": {\"sign\": false, \"zero\": false, \"auxCarry\": false, "
                + "\"parity\": false, \"carry\": false}";
        // Later duplicates would be rejected by nothing but intent; build the map instead.
        java.util.LinkedHashMap<String, String> members = new java.util.LinkedHashMap<>();
        for (String part : splitTop(defaults)) {
            members.put(name(part), part);
        }
        if (!overrides.isBlank()) {
            for (String part : splitTop(overrides)) {
                members.put(name(part), part);
            }
        }
        return String.join(", ", members.values());
    }

    private static String name(String member) {
        return member.substring(member.indexOf('"') + 1, member.indexOf('"', member.indexOf('"') + 1));
    }

    /** Splits "k": v, "k2": {...} at top-level commas. */
    private static java.util.List<String> splitTop(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{' || ch == '[') depth++;
            if (ch == '}' || ch == ']') depth--;
            if (ch == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(s.substring(start).trim());
        return out;
    }
}
