package org.curvebench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialRunnerTest {

    private static final BitsBenchmark BENCH = new BitsBenchmark(true);

    /** Asks a fixed list of requests, then the last one forever; records what it was told. */
    static final class Scripted implements Optimizer {
        final List<Observation> told = new ArrayList<>();
        private final Iterator<Request> script;
        private Request last;

        Scripted(Request... requests) {
            this.script = List.of(requests).iterator();
        }

        @Override
        public Request ask() {
            if (script.hasNext()) {
                last = script.next();
            }
            return last;
        }

        @Override
        public void tell(Observation observation) {
            told.add(observation);
        }
    }

    private static Request req(int bits, int epochs) {
        return new Request(new BitsSpace.Bits(bits), epochs);
    }

    @Test
    void continuingCostsOnlyTheExtraEpochsAndTheCrossingTrainingIsNotStarted() {
        Scripted opt = new Scripted(req(1, 9), req(1, 27), req(1, 9), req(2, 27), req(3, 27), req(4, 27));
        Trajectory t = new TrialRunner(BENCH, new ConstantEpochTime(2), 120).run("scripted", 0, opt, 5);
        // 1 to 9 epochs: 18 s; continued to 27: 36 s more; again to 9: free; 2 to 27: 54 s -> 108; 3 would be 162
        assertEquals(List.of(18.0, 54.0, 108.0), t.evaluations().stream().map(Evaluation::seconds).toList());
        assertEquals(List.of(9, 27, 27), t.evaluations().stream().map(Evaluation::epochs).toList());
        assertEquals(108.0, t.spentSeconds());
        assertEquals("budget", t.stop());
        assertEquals(4, opt.told.size(), "the free re-ask is answered too");
        assertEquals(9, opt.told.get(2).curve().epochs());
        assertEquals(opt.told.get(1).curve().get(8), opt.told.get(2).curve().get(8),
                "one architecture draws one curve per trial");
    }

    @Test
    void incumbentIsTheBestObservedAtTheMostEpochs() {
        int best = BitsBenchmark.TARGET;
        Scripted opt = new Scripted(req(best, 3), req(0, 27), req(best ^ 1, 27), req(5, 3));
        Trajectory t = new TrialRunner(BENCH, new ConstantEpochTime(1), 60).run("scripted", 0, opt, 5);
        List<Evaluation> e = t.evaluations();
        assertEquals(best, ((BitsSpace.Bits) e.get(0).incumbent()).value());
        assertEquals(0, ((BitsSpace.Bits) e.get(1).incumbent()).value(), "a full training outranks a partial one");
        assertEquals(best ^ 1, ((BitsSpace.Bits) e.get(2).incumbent()).value());
        assertEquals(best ^ 1, ((BitsSpace.Bits) e.get(3).incumbent()).value());
    }

    @Test
    void stopsWhenNothingNewIsAskedAndRejectsTooManyEpochs() {
        Trajectory t = new TrialRunner(BENCH, new ConstantEpochTime(1), 1e9).run("s", 0, new Scripted(req(1, 27)), 5);
        assertEquals(1, t.evaluations().size());
        assertEquals("nothing new to train after " + TrialRunner.MAX_FREE_ASKS + " asks", t.stop());
        assertThrows(IllegalStateException.class,
                () -> new TrialRunner(BENCH, new ConstantEpochTime(1), 100).run("s", 0, new Scripted(req(1, 28)), 5));
    }
}
