package dev.invaders.i8080.asm;

import dev.invaders.i8080.asm.InstructionSet.Form;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes an instruction statement for the {@link Assembler}: picks the opcode's form from the operands and
 * adds the immediate bytes; also the byte and word range checks the data directives share.
 */
final class InstructionEncoder {

    /** The value of operand i of a statement at address pc, from the assembler's symbols. */
    @FunctionalInterface
    interface Operands {
        int evaluate(List<List<Token>> operands, int i, int pc, String directive);
    }

    private InstructionEncoder() {
    }

    /** The bytes of an instruction: picks the form whose fixed operands match, then adds the values. */
    static List<Integer> encode(Statement s, Operands values) {
        List<Form> forms = InstructionSet.forms(s.op());
        List<List<Token>> operands = s.operands();
        List<Form> candidates = forms.stream().filter(f -> f.operands().size() == operands.size()).toList();
        if (candidates.isEmpty()) {
            int expected = forms.getFirst().operands().size();
            throw new SourceError(s.op() + " takes " + count(expected) + ", not " + operands.size());
        }
        for (int i = 0; i < operands.size(); i++) {
            List<Token> operand = operands.get(i);
            final int index = i;
            Integer number = null;
            if (candidates.stream().anyMatch(f -> InstructionSet.isNumber(f.operands().get(index)))) {
                number = values.evaluate(operands, i, s.address(), null);
            }
            final Integer value = number;
            List<Form> next = candidates.stream().filter(f -> matches(f.operands().get(index), operand, value))
                    .toList();
            if (next.isEmpty()) {
                throw badOperand(s.op(), candidates, i, operand, value);
            }
            candidates = next;
        }
        Form form = candidates.getFirst();
        List<Integer> bytes = new ArrayList<>();
        bytes.add(form.opcode().code());
        for (int i = 0; i < operands.size(); i++) {
            String pattern = form.operands().get(i);
            if (pattern.equals("d8")) {
                bytes.add(fitByte(values.evaluate(operands, i, s.address(), null)));
            } else if (pattern.equals("d16") || pattern.equals("a16")) {
                int w = word(values.evaluate(operands, i, s.address(), null));
                bytes.add(w & 0xFF);
                bytes.add(w >> 8 & 0xFF);
            }
        }
        return bytes;
    }

    private static boolean matches(String pattern, List<Token> operand, Integer value) {
        if (InstructionSet.isPlaceholder(pattern)) {
            return true;
        }
        if (InstructionSet.isNumber(pattern)) {
            return value != null && value == Integer.parseInt(pattern);
        }
        return operand.size() == 1 && operand.getFirst().isWord(pattern);
    }

    private static SourceError badOperand(String op, List<Form> candidates, int i, List<Token> operand,
                                          Integer value) {
        List<String> expected = candidates.stream().map(f -> f.operands().get(i)).distinct().toList();
        if (expected.stream().allMatch(InstructionSet::isNumber)) {
            return new SourceError(op + " takes " + expected.getFirst() + " to " + expected.getLast() + ", not "
                    + value);
        }
        String list = expected.size() == 1 ? expected.getFirst()
                : String.join(", ", expected.subList(0, expected.size() - 1)) + " or " + expected.getLast();
        return new SourceError("bad operand '" + text(operand) + "' for " + op + ": expected " + list);
    }

    static String count(int n) {
        return n == 0 ? "no operands" : n == 1 ? "1 operand" : n + " operands";
    }

    static int fitByte(int v) {
        if (v < -128 || v > 255) {
            throw new SourceError("value " + v + " does not fit in a byte (-128..255)");
        }
        return v & 0xFF;
    }

    static int word(int v) {
        if (v < -32768 || v > 0xFFFF) {
            throw new SourceError("value " + v + " does not fit in a word (-32768..65535)");
        }
        return v & 0xFFFF;
    }

    /** An operand's tokens as text, with spaces only between words. */
    private static String text(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (previous != null && isWordLike(previous) && isWordLike(t)) {
                sb.append(' ');
            }
            sb.append(t);
            previous = t;
        }
        return sb.toString();
    }

    private static boolean isWordLike(Token t) {
        return t.kind() != Token.Kind.PUNCT;
    }
}
