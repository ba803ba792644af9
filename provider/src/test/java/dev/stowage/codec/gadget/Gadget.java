package dev.stowage.codec.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for a deserialization gadget: its {@code readObject} and {@code readResolve} record that
 * they ran. Lives outside every declared package, so the java codec must refuse it.
 */
public final class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Set when {@link #readObject} runs. */
    public static final AtomicBoolean READ_OBJECT_RAN = new AtomicBoolean();
    /** Set when {@link #readResolve} runs. */
    public static final AtomicBoolean READ_RESOLVE_RAN = new AtomicBoolean();

    /** A payload. */
    public final String command;

    /**
     * Creates a gadget.
     *
     * @param command a payload
     */
    public Gadget(String command) {
        this.command = command;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READ_OBJECT_RAN.set(true);
        in.defaultReadObject();
    }

    private Object readResolve() {
        READ_RESOLVE_RAN.set(true);
        return this;
    }
}
