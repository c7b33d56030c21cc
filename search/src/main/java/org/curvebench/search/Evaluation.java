package org.curvebench.search;

import org.curvebench.encoding.Architecture;

/**
 * One training in a trial, as the runner recorded it: when it ended on the trial's simulated clock, what was
 * trained to how many epochs, the value observed at the last of them, and the trial's incumbent after it.
 *
 * @param seconds simulated seconds since the trial began, this training included
 */
public record Evaluation(int trial, double seconds, Architecture architecture, int epochs, double value,
                         Architecture incumbent, double incumbentValue, int incumbentEpochs) {
}
