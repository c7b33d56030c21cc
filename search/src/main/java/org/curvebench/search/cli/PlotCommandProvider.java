package org.curvebench.search.cli;

import org.curvebench.surrogate.cli.CommandProvider;

/** Adds {@code plot} to the {@code curvebench} command line. */
public final class PlotCommandProvider implements CommandProvider {

    @Override
    public Object command() {
        return new PlotCommand();
    }
}
