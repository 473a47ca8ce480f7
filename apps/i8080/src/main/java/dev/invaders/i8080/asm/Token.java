package dev.invaders.i8080.asm;

/**
 * One lexical token of a source line.
 *
 * @param kind   what it is
 * @param text   the source text (for {@link Kind#STRING}, the string's contents without quotes)
 * @param value  the value of a {@link Kind#NUMBER}; 0 otherwise
 */
record Token(Kind kind, String text, int value) {

    enum Kind {
        /** A name: label, symbol, mnemonic, register, directive or word operator. */
        IDENT,
        /** A number literal, already converted. */
        NUMBER,
        /** A quoted string, in single or double quotes. */
        STRING,
        /** {@code $} alone: the location counter. */
        DOLLAR,
        /** Punctuation and symbolic operators: {@code + - * / ( ) , : % & | ^ ~ << >>}. */
        PUNCT
    }

    /** True for an identifier equal to word, ignoring case. */
    boolean isWord(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }

    /** True for the punctuation p. */
    boolean is(String p) {
        return kind == Kind.PUNCT && text.equals(p);
    }

    @Override
    public String toString() {
        return kind == Kind.STRING ? "'" + text.replace("'", "''") + "'" : text;
    }
}
