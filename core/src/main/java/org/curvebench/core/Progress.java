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
}
