package org.curvebench.encoding.oneshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.curvebench.core.Progress;
import org.curvebench.encoding.SpaceCount;

/**
 * Walks a sub-space the way NAS-Bench-1Shot1 counts it: every choice of parent sets is reduced to the blocks on a
 * path to the output (the graph "without loose ends"), each distinct reduced graph is taken once, and paired with
 * every operation of its blocks; blocks off the graph are ignored (given the first parent set and operation).
 */
final class OneShotEnumeration {

    private static final int PROGRESS_STEP = 64;

    private final OneShotLayout layout;
    private final int[][][] choices;

    OneShotEnumeration(OneShotLayout layout) {
        this.layout = layout;
        this.choices = new int[layout.output()][][];
        for (int k = 1; k <= layout.output(); k++) {
            choices[k - 1] = layout.parentChoices(k);
        }
    }

    /** Number of parent-set choices, before operations. */
    long structures() {
        long n = 1;
        for (int[][] c : choices) {
            n *= c.length;
        }
        return n;
    }

    /** Calls {@code action} once per architecture, in a fixed order. */
    void forEach(Consumer<? super OneShotConfig> action, Progress progress) {
        long total = structures();
        progress.start("enumerating " + layout.name(), total);
        Set<Long> seen = new HashSet<>();
        int[] pick = new int[layout.output()];
        for (long s = 0; s < total; s++) {
            long rest = s;
            for (int k = layout.output(); k >= 1; k--) {
                pick[k - 1] = (int) (rest % choices[k - 1].length);
                rest /= choices[k - 1].length;
            }
            boolean[] active = activeNodes(pick);
            if (seen.add(edgeMask(pick, active))) {
                visit(pick, active, action);
            }
            if ((s + 1) % PROGRESS_STEP == 0) {
                progress.advance(PROGRESS_STEP);
            }
        }
        progress.advance(total % PROGRESS_STEP);
        progress.done();
    }

    /** The counts of {@link org.curvebench.encoding.EnumerableSpace#count}. */
    SpaceCount count(Progress progress) {
        Set<String> hashes = new HashSet<>();
        long[] architectures = new long[1];
        forEach(c -> {
            architectures[0]++;
            hashes.add(c.canonicalKey());
        }, progress);
        return new SpaceCount(layout.configurations(), architectures[0], hashes.size());
    }

    /** The output and every block with a path to it. */
    private boolean[] activeNodes(int[] pick) {
        boolean[] active = new boolean[layout.output() + 1];
        active[layout.output()] = true;
        for (int k = layout.output(); k >= 1; k--) {
            if (active[k]) {
                for (int p : choices[k - 1][pick[k - 1]]) {
                    active[p] = true;
                }
            }
        }
        return active;
    }

    /** The edges into active nodes, one bit per (parent, node) pair: the reduced graph. */
    private long edgeMask(int[] pick, boolean[] active) {
        long mask = 0;
        for (int k = 1; k <= layout.output(); k++) {
            if (active[k]) {
                for (int p : choices[k - 1][pick[k - 1]]) {
                    mask |= 1L << (p * 8 + k);
                }
            }
        }
        return mask;
    }

    private void visit(int[] pick, boolean[] active, Consumer<? super OneShotConfig> action) {
        List<Integer> used = new ArrayList<>();
        for (int k = 1; k <= layout.blocks(); k++) {
            if (active[k]) {
                used.add(k);
            }
        }
        int[][] parents = new int[layout.output()][];
        for (int k = 1; k <= layout.output(); k++) {
            parents[k - 1] = active[k] ? choices[k - 1][pick[k - 1]] : choices[k - 1][0];
        }
        int ops = OneShotLayout.OPS.size();
        int labellings = 1;
        for (int i = 0; i < used.size(); i++) {
            labellings *= ops;
        }
        for (int l = 0; l < labellings; l++) {
            List<String> blockOps = new ArrayList<>(layout.blocks());
            for (int k = 0; k < layout.blocks(); k++) {
                blockOps.add(OneShotLayout.OPS.get(0));
            }
            int rest = l;
            for (int k : used) {
                blockOps.set(k - 1, OneShotLayout.OPS.get(rest % ops));
                rest /= ops;
            }
            action.accept(OneShotConfig.of(layout, blockOps, parents));
        }
    }
}
