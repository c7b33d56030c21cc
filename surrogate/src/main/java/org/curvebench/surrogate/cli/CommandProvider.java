package org.curvebench.surrogate.cli;

import java.util.ServiceLoader;

/**
 * More {@code curvebench} subcommands from modules that build on this one (the HTTP server's {@code serve}), found
 * through {@link ServiceLoader} as spaces and learners are: one class implementing this interface plus its line in
 * {@code META-INF/services/org.curvebench.surrogate.cli.CommandProvider}. The command line stays in this module;
 * nothing here depends on the modules that extend it.
 */
public interface CommandProvider {

    /** A new picocli command object (a class annotated with {@code @Command}, with its name), one per call. */
    Object command();

    /** Every provider on the class path. */
    static Iterable<CommandProvider> installed() {
        return ServiceLoader.load(CommandProvider.class, CommandProvider.class.getClassLoader());
    }
}
