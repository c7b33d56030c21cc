package org.curvebench.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;

/**
 * Runs one trial: asks the optimizer, charges the training's simulated seconds to the trial's clock, answers with
 * the curve, and stops before the training that would cross the budget. A run continued to more epochs costs only
 * the extra epochs; asking for what the trial already trained costs nothing and is not recorded. Every training of
 * an architecture in a trial draws the same curve (one training seed per trial and architecture).
 */
public final class TrialRunner {

    /** Consecutive free asks after which a trial is taken to have nothing new to train. */
    public static final int MAX_FREE_ASKS = 10_000;

    private final Benchmark benchmark;
    private final TrainingTime time;
    private final double budgetSeconds;

    public TrialRunner(Benchmark benchmark, TrainingTime time, double budgetSeconds) {
        if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
            throw new IllegalArgumentException("the budget must be positive and finite, got " + budgetSeconds + " s");
        }
        this.benchmark = benchmark;
        this.time = time;
        this.budgetSeconds = budgetSeconds;
    }

    public Benchmark benchmark() {
        return benchmark;
    }

    public double budgetSeconds() {
        return budgetSeconds;
    }

    /** Runs {@code optimizer} until the budget; training seed {@code trainingSeed} is mixed with each architecture. */
    public Trajectory run(String label, int trial, Optimizer optimizer, long trainingSeed) {
        int epochs = benchmark.epochs();
        boolean maximize = benchmark.maximize();
        Map<String, LearningCurve> curves = new HashMap<>();
        Map<String, Integer> trained = new HashMap<>();
        List<Evaluation> log = new ArrayList<>();
        double clock = 0;
        int freeAsks = 0;
        Architecture incumbent = null;
        double incumbentValue = Double.NaN;
        int incumbentEpochs = 0;
        String stop;
        while (true) {
            Request request = optimizer.ask();
            if (request.epochs() > epochs) {
                throw new IllegalStateException("optimizer '" + label + "' asked for " + request.epochs()
                        + " epochs; the benchmark trains " + epochs);
            }
            Architecture a = request.architecture();
            String key = a.canonicalKey();
            int done = trained.getOrDefault(key, 0);
            int e = request.epochs();
            double cost = e > done ? time.seconds(a, e) - time.seconds(a, done) : 0;
            if (clock + cost > budgetSeconds) {
                stop = "budget";
                break;
            }
            LearningCurve full = curves.computeIfAbsent(key, k -> benchmark.trainingCurve(a, trainingSeed));
            LearningCurve seen = full.head(e);
            double value = seen.last();
            if (e > done) {
                clock += cost;
                trained.put(key, e);
                freeAsks = 0;
                if (incumbent == null || e > incumbentEpochs
                        || (e == incumbentEpochs && better(value, incumbentValue, maximize))) {
                    incumbent = a;
                    incumbentValue = value;
                    incumbentEpochs = e;
                }
                log.add(new Evaluation(trial, clock, a, e, value, incumbent, incumbentValue, incumbentEpochs));
            } else if (++freeAsks >= MAX_FREE_ASKS) {
                stop = "nothing new to train after " + MAX_FREE_ASKS + " asks";
                break;
            }
            optimizer.tell(new Observation(a, e, seen, value, maximize ? value : -value, false));
        }
        return new Trajectory(label, trial, log, clock, stop);
    }

    private static boolean better(double value, double than, boolean maximize) {
        return maximize ? value > than : value < than;
    }
}
