package org.springframework.cache.support;

import java.io.Serializable;

/**
 * A stand-in with the exact name of Spring's cached-{@code null} marker (Spring is not on the
 * provider's class path): the java codec's built-in list admits this name without configuration.
 */
public final class NullValue implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object other) {
        return other instanceof NullValue;
    }

    @Override
    public int hashCode() {
        return NullValue.class.hashCode();
    }
}
