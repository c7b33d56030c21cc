package org.curvebench.surrogate.cli;

import java.io.PrintStream;
import org.curvebench.core.Progress;

/** Draws progress as a one-line bar on standard error, only when it is a terminal. */
public final class TerminalProgress implements Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String task = "";
    private long total;
    private long done;
    private long lastDraw;

    private TerminalProgress(PrintStream out) {
        this.out = out;
    }

    /** A bar on stderr when the process runs on a terminal, else {@link Progress#NONE}. */
    public static Progress forConsole() {
        return System.console() != null ? new TerminalProgress(System.err) : Progress.NONE;
    }

    @Override
    public void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastDraw = 0;
        draw(true);
    }

    @Override
    public void advance(long steps) {
        done += steps;
        draw(false);
    }

    @Override
    public void done() {
        draw(true);
        out.print("\r\033[K");
        out.flush();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        StringBuilder line = new StringBuilder("\r\033[K").append(task).append(' ');
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(done).append('/').append(total);
        } else {
            line.append(done);
        }
        out.print(line);
        out.flush();
    }
}
