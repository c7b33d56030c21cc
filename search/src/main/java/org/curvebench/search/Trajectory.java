package org.curvebench.search;

import java.util.List;

/**
 * The trainings of one trial in order, and why it stopped.
 *
 * @param label the optimizer as the output names it, e.g. {@code re+wpm}
 * @param spentSeconds the simulated seconds the trial used, at most the budget
 */
public record Trajectory(String label, int trial, List<Evaluation> evaluations, double spentSeconds, String stop) {

    public Trajectory {
        evaluations = List.copyOf(evaluations);
    }
}
