package org.curvebench.core;

/** Receives progress of long work (loading, fitting, evaluating); the CLI draws it as a bar on a terminal. */
public interface Progress {

    /** Ignores all progress. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void done() {
        }
    };

    /** A new task with {@code total} steps, or -1 when the total is unknown. */
    void start(String task, long total);

    void advance(long steps);

    void done();

    /**
     * This progress with every task it starts shown as {@code task}: for a caller that runs a step several times
     * (one candidate setting after another), so that each run gets its own bar saying what it does.
     */
    default Progress labelled(String task) {
        return renamed(this, ignored -> task);
    }

    /** This progress with every task it starts shown as {@code prefix} followed by the task's own name. */
    default Progress prefixed(String prefix) {
        return renamed(this, task -> prefix + task);
    }

    private static Progress renamed(Progress inner, java.util.function.UnaryOperator<String> name) {
        if (inner == NONE) {
            return NONE;
        }
        return new Progress() {
            @Override
            public void start(String task, long total) {
                inner.start(name.apply(task), total);
            }

            @Override
            public void advance(long steps) {
                inner.advance(steps);
            }

            @Override
            public void done() {
                inner.done();
            }
        };
    }
}
