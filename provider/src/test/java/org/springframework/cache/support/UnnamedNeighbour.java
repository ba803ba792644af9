package org.springframework.cache.support;

import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class in the package of Spring's {@code NullValue} that the java codec's built-in list does not
 * name: it must stay refused (framework classes are admitted by exact name, never by package), and
 * its {@code readObject} records whether it ever ran.
 */
public final class UnnamedNeighbour implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Set when {@link #readObject} runs. */
    public static final AtomicBoolean READ_OBJECT_RAN = new AtomicBoolean();

    /** Creates the neighbour. */
    public UnnamedNeighbour() {
    }

    private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        READ_OBJECT_RAN.set(true);
        in.defaultReadObject();
    }
}
