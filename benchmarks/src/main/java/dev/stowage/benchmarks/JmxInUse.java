package dev.stowage.benchmarks;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * One MXBean of the benchmark's own in the platform MBean server, so that a fork's JVM has JMX in use as an
 * application that exposes any MXBean has (Spring Boot's actuator, an application server). The first
 * registration in a JVM runs JMX's introspection, whose method-type lookups go through
 * {@code ConcurrentHashMap.get} and leave its shared profile such that every later C2 compilation that
 * inlines that lookup (a cache's {@code get}) inlines two {@code equals} methods too and grows past the size
 * C2 inlines into its callers (benchmarks/NOTES.md). A cache with statistics on registers its statistics
 * MXBean (JSR-107 section 12.4) and so always runs in such a JVM; with this bean in place, a cache with
 * statistics off does too, and the two differ only by the counting. Not thread-safe; one per benchmark state.
 */
final class JmxInUse implements AutoCloseable {

    /** What the bean shows: only why it is there. */
    public interface PurposeMXBean {
        /**
         * Says why the bean is registered.
         *
         * @return a sentence
         */
        String getPurpose();
    }

    private final ObjectName name;

    private JmxInUse(ObjectName name) {
        this.name = name;
    }

    /**
     * Registers the bean under a name of its own.
     *
     * @return the registration, to {@link #close()} at tear-down
     * @throws IllegalStateException if JMX refuses the registration
     */
    static JmxInUse register() {
        try {
            ObjectName name = new ObjectName("dev.stowage.benchmarks:type=JmxInUse,name=" + Bench.unique("jmx"));
            PurposeMXBean bean = () -> "JMX in use in this benchmark JVM, as in an application that exposes MXBeans";
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return new JmxInUse(name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the benchmark's MXBean: " + e, e);
        }
    }

    /** Unregisters the bean; a bean already gone is ignored. */
    @Override
    public void close() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            // already unregistered: nothing to undo
        }
    }
}
