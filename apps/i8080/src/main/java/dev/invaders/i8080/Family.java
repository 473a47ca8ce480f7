package dev.invaders.i8080;

import java.util.Locale;

/**
 * The opcode families: one microservice each. Conditional variants share their base family
 * (JNZ, JC, ... are {@link #JMP}; CNZ, ... are {@link #CALL}; RNZ, ... are {@link #RET}), and the
 * undocumented duplicates belong to the family they behave as.
 */
public enum Family {
    NOP, MOV, MVI, LXI, LDA, STA, LHLD, SHLD, LDAX, STAX, XCHG,
    ADD, ADC, SUB, SBB, ANA, XRA, ORA, CMP,
    ADI, ACI, SUI, SBI, ANI, XRI, ORI, CPI,
    INR, DCR, INX, DCX, DAD, DAA,
    RLC, RRC, RAL, RAR, CMA, CMC, STC,
    JMP, CALL, RET, RST, PCHL, SPHL, XTHL, PUSH, POP,
    IN, OUT, EI, DI, HLT;

    /** The family's name as a DNS label, used for service names and configuration keys: {@code "mov"}. */
    public String serviceName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The family with that {@link #serviceName()} or enum name, case-insensitive. */
    public static Family fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown opcode family: " + name, e);
        }
    }
}
