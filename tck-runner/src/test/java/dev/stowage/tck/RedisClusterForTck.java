package dev.stowage.tck;

import dev.stowage.testing.RedisCluster;
import dev.stowage.testing.RedisServers;
import java.net.URI;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Gives the {@code tck-redis-cluster} run of the JSR-107 TCK a Redis Cluster of its own: when the
 * system property {@value #ENABLE_PROPERTY} is {@code true}, starts a 3-master cluster on loopback
 * ports ({@link RedisServers#startCluster()}) before the first test, points the provider's default
 * URI (system property {@code stowage.uri}) at it, and stops it after the last test. In the other runs
 * it does nothing.
 *
 * <p>The TCK's tests come from a jar and are JUnit 4 tests, so the hook is a JUnit Platform
 * {@link TestExecutionListener}, which the launcher that surefire drives loads with the
 * {@link java.util.ServiceLoader} ({@code META-INF/services}). The manager URI names one seed node,
 * the cluster by the path word {@code cluster} and the root namespace {@value #NAMESPACE} in the path:
 * {@code redis://127.0.0.1:<port>/cluster/stowage-tck} holds no {@code ?} or {@code *}, which would
 * turn the JMX object names the TCK builds from it into patterns. Called by the launcher on one thread.
 */
public final class RedisClusterForTck implements TestExecutionListener {

    /** The system property that asks for the cluster. */
    public static final String ENABLE_PROPERTY = "stowage.tck.cluster";

    /** The manager's root namespace in the cluster. */
    public static final String NAMESPACE = "stowage-tck";

    private static final String URI_PROPERTY = "stowage.uri";

    private RedisCluster cluster;

    /** Creates the listener; the launcher does, once per test run. */
    public RedisClusterForTck() {
    }

    /**
     * Starts the cluster and sets {@code stowage.uri}, when {@value #ENABLE_PROPERTY} is {@code true}.
     *
     * @param testPlan the plan about to run; not used
     * @throws IllegalStateException when the cluster cannot be started (see {@link RedisCluster#start()})
     */
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!Boolean.getBoolean(ENABLE_PROPERTY)) {
            return;
        }
        cluster = RedisServers.startCluster();
        URI seed = URI.create(cluster.nodeUrls().get(0));
        String uri = "redis://" + seed.getHost() + ":" + seed.getPort() + "/cluster/" + NAMESPACE;
        System.setProperty(URI_PROPERTY, uri);
        System.err.println("[stowage-tck] JSR-107 TCK on " + cluster + ", stowage.uri=" + uri);
    }

    /**
     * Stops the cluster this listener started, if any.
     *
     * @param testPlan the plan that ran; not used
     */
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
