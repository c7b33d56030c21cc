package org.curvebench.search;

import org.curvebench.encoding.Architecture;

/** What an optimizer asks for: train (or continue training) an architecture to a number of epochs. */
public record Request(Architecture architecture, int epochs) {

    public Request {
        if (architecture == null) {
            throw new IllegalArgumentException("a request needs an architecture");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("a request must train at least 1 epoch, got " + epochs);
        }
    }
}
