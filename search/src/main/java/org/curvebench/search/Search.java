package org.curvebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.curvebench.core.Progress;

/**
 * Runs trials of optimizers on one benchmark, in parallel, and scores them. Trial t of every optimizer gets the
 * same training seed, so optimizers meet the same noise; each trial's random generator depends only on the seed,
 * the trial and the optimizer, so results do not depend on the number of threads.
 */
public final class Search {

    private final TrialRunner runner;
    private final int minEpochs;
    private final int threads;

    public Search(TrialRunner runner, int minEpochs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.runner = runner;
        this.minEpochs = minEpochs;
        this.threads = threads;
    }

    /** {@code trials} trials of each optimizer, in order of optimizer and then trial. */
    public List<Trajectory> run(List<OptimizerSpec> optimizers, int trials, long seed, Progress progress) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        for (OptimizerSpec spec : optimizers) {
            // fail on bad settings before any work
            spec.create(new SearchContext(runner.benchmark(), new SplittableRandom(seed), minEpochs));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "curvebench-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Trajectory>> futures = new ArrayList<>();
            progress.start("search", (long) trials * optimizers.size());
            for (int o = 0; o < optimizers.size(); o++) {
                OptimizerSpec spec = optimizers.get(o);
                long optimizerSalt = spec.label().hashCode();
                for (int t = 0; t < trials; t++) {
                    int trial = t;
                    futures.add(pool.submit(() -> {
                        SplittableRandom random = new SplittableRandom(mix(seed, trial, optimizerSalt));
                        Optimizer optimizer = spec.create(new SearchContext(runner.benchmark(), random, minEpochs));
                        Trajectory result = runner.run(spec.label(), trial, optimizer, mix(seed, trial, 0x5eedL));
                        synchronized (progress) {
                            progress.advance(1);
                        }
                        return result;
                    }));
                }
            }
            List<Trajectory> out = new ArrayList<>(futures.size());
            for (Future<Trajectory> f : futures) {
                out.add(f.get());
            }
            progress.done();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A 64-bit seed from three numbers (SplitMix64's finaliser over their combination). */
    static long mix(long seed, long trial, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
