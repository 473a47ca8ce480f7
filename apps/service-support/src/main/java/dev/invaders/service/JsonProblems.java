package dev.invaders.service;

import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The detail of a 400 problem for a body that is not the JSON expected, the same in every service. */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** A short description of unreadable JSON: where and what, without Java types or source excerpts. */
    public static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return "unknown member " + path(u.getPath());
        }
        if (cause instanceof MismatchedInputException m) {
            String where = m.getPath().isEmpty() ? "the body" : path(m.getPath());
            if (m.getTargetType() != null && (Number.class.isAssignableFrom(m.getTargetType())
                    || m.getTargetType() == int.class || m.getTargetType() == long.class)) {
                return where + " must be an integer in range";
            }
            if (m.getTargetType() == Boolean.class || m.getTargetType() == boolean.class) {
                return where + " must be true or false";
            }
            if (m.getTargetType() != null && List.class.isAssignableFrom(m.getTargetType())) {
                return where + " must be an array";
            }
            return where + " has the wrong type";
        }
        if (cause instanceof InputCoercionException c) {
            return (c.getPath().isEmpty() ? "a number" + at(c) : path(c.getPath())) + " is out of range";
        }
        if (cause instanceof StreamReadException s) {
            return "malformed JSON" + at(s);
        }
        if (cause instanceof JacksonException j) {
            return "unreadable JSON at " + path(j.getPath());
        }
        return "the request body is missing or not JSON";
    }

    private static String at(JacksonException s) {
        return s.getLocation() == null ? "" : " at line " + s.getLocation().getLineNr() + ", column "
                + s.getLocation().getColumnNr();
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "the body" : out.toString();
    }
}
