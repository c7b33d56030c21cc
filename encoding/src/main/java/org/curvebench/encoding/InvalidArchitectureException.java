package org.curvebench.encoding;

/** Thrown when a JSON value does not describe a valid architecture of a space; the message names the rule broken. */
public class InvalidArchitectureException extends IllegalArgumentException {
    public InvalidArchitectureException(String message) {
        super(message);
    }
}
