package org.curvebench.encoding.oneshot;

/** NAS-Bench-1Shot1's search space 1, {@code 1shot1-1}. */
public final class OneShotSpace1 extends OneShotSpace {
    public OneShotSpace1() {
        super(OneShotLayout.SPACE_1);
    }
}
