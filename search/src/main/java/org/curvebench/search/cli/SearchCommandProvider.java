package org.curvebench.search.cli;

import org.curvebench.surrogate.cli.CommandProvider;

/** Adds {@code search} to the {@code curvebench} command line. */
public final class SearchCommandProvider implements CommandProvider {

    @Override
    public Object command() {
        return new SearchCommand();
    }
}
