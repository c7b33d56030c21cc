package org.curvebench.search;

/**
 * One NAS optimizer's state during one trial, driven ask/tell: the runner asks what to train next, trains it in
 * simulated time and tells what it observed, until the budget is spent. The runner owns the clock and the budget,
 * so an optimizer only decides. Made by an {@link OptimizerProvider}; used by one thread.
 */
public interface Optimizer {

    /** The next training; asking again for an architecture already trained that far is answered at no cost. */
    Request ask();

    /** The result of the last request from {@link #ask()}. */
    void tell(Observation observation);
}
