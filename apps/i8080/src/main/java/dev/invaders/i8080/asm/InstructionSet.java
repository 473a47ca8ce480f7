package dev.invaders.i8080.asm;

import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The assembler's view of the documented rows of {@link OpcodeTable}: for each mnemonic, the operand
 * forms it takes. An operand in a form is either fixed text (a register, pair or RST number) or a
 * placeholder {@code d8}, {@code d16} or {@code a16} for a value.
 */
final class InstructionSet {

    /** One documented opcode as operand patterns, e.g. {@code ["B", "d8"]} for MVI B,d8. */
    record Form(Opcode opcode, List<String> operands) {
    }

    private static final Map<String, List<Form>> FORMS = build();
    /** Register and pair names (B ... A, M, SP, PSW): reserved, never symbols. */
    static final Set<String> REGISTERS = registers();

    private InstructionSet() {
    }

    static boolean isPlaceholder(String operand) {
        return operand.equals("d8") || operand.equals("d16") || operand.equals("a16");
    }

    static boolean isNumber(String operand) {
        return !operand.isEmpty() && operand.chars().allMatch(Character::isDigit);
    }

    /** The forms of a mnemonic (upper case), or null when there is no such mnemonic. */
    static List<Form> forms(String mnemonic) {
        return FORMS.get(mnemonic);
    }

    /** The length of every form of a mnemonic (upper case); the table guarantees they agree. */
    static int length(String mnemonic) {
        return FORMS.get(mnemonic).getFirst().opcode().length();
    }

    private static Map<String, List<Form>> build() {
        Map<String, List<Form>> forms = new LinkedHashMap<>();
        for (Opcode o : OpcodeTable.all()) {
            if (!o.documented()) {
                continue;
            }
            List<String> operands = o.operands().isEmpty() ? List.of() : List.of(o.operands().split(","));
            forms.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(new Form(o, operands));
        }
        forms.forEach((name, list) -> {
            if (list.stream().map(f -> f.opcode().length()).distinct().count() != 1) {
                throw new IllegalStateException("forms of " + name + " differ in length");
            }
        });
        forms.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(forms);
    }

    private static Set<String> registers() {
        Set<String> names = new LinkedHashSet<>();
        for (List<Form> list : FORMS.values()) {
            for (Form f : list) {
                for (String op : f.operands()) {
                    if (!isPlaceholder(op) && !isNumber(op)) {
                        names.add(op.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
