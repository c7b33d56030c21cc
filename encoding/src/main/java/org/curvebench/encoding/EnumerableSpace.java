package org.curvebench.encoding;

import java.util.function.Consumer;
import org.curvebench.core.Progress;

/** A space small enough to walk whole: for counting it and for finding its best architecture in a benchmark. */
public interface EnumerableSpace extends SearchSpace {

    /**
     * Calls {@code action} once for each architecture of the space (unused choices ignored; isomorphic
     * architectures each visited), in a fixed order.
     */
    void forEachArchitecture(Consumer<? super Architecture> action, Progress progress);

    /** How many configurations, architectures and distinct canonical keys the space holds. */
    SpaceCount count(Progress progress);
}
