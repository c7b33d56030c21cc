package org.curvebench.core;

import java.util.List;

/** A name that no registered implementation answers to; carries the names that do, for the caller's message. */
public class UnknownNameException extends IllegalArgumentException {

    private final String kind;
    private final String name;
    private final List<String> known;

    public UnknownNameException(String kind, String name, List<String> known) {
        super("unknown " + kind + " '" + name + "'; known: " + String.join(", ", known));
        this.kind = kind;
        this.name = name;
        this.known = List.copyOf(known);
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public List<String> known() {
        return known;
    }
}
