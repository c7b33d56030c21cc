package org.curvebench.encoding.oneshot;

/** NAS-Bench-1Shot1's search space 2, {@code 1shot1-2}. */
public final class OneShotSpace2 extends OneShotSpace {
    public OneShotSpace2() {
        super(OneShotLayout.SPACE_2);
    }
}
