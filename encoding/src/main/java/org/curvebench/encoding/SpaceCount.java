package org.curvebench.encoding;

/**
 * The size of an enumerable space three ways: the configurations it can be written as, the architectures they
 * describe once unused choices are ignored (the way the space's authors count), and the distinct canonical keys
 * (architectures up to isomorphism).
 */
public record SpaceCount(long configurations, long architectures, long canonicalKeys) {
}
