package org.curvebench.surrogate;

/** A query gave a different number of observed epochs than the surrogate was fitted with. */
public final class ObservedEpochsException extends IllegalArgumentException {

    private final int expected;
    private final int given;

    public ObservedEpochsException(int expected, int given) {
        super(expected == 0
                ? "this surrogate takes no observed epochs, got " + given
                : "this surrogate needs the first " + expected + " observed epochs of the curve, got " + given);
        this.expected = expected;
        this.given = given;
    }

    public int expected() {
        return expected;
    }

    public int given() {
        return given;
    }
}
