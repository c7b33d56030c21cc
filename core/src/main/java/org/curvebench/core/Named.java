package org.curvebench.core;

/** Something registered by name through {@link java.util.ServiceLoader}: a learner, a noise model, an optimizer. */
public interface Named {

    /** The name used on the command line and in files, e.g. {@code oblivious}. */
    String name();

    /** One line saying what it is, shown in {@code --help} and in errors that list the choices. */
    String description();
}
