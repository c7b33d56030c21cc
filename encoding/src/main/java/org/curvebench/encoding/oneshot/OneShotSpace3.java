package org.curvebench.encoding.oneshot;

/** NAS-Bench-1Shot1's search space 3, {@code 1shot1-3}. */
public final class OneShotSpace3 extends OneShotSpace {
    public OneShotSpace3() {
        super(OneShotLayout.SPACE_3);
    }
}
