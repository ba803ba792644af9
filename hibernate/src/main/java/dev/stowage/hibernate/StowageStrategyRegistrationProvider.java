package dev.stowage.hibernate;

import java.util.List;
import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.cache.spi.RegionFactory;

/**
 * Registers {@link StowageRegionFactory} with Hibernate's strategy selector under the short name
 * {@code stowage} (and its class name), found through {@code META-INF/services} as
 * {@code hibernate-jcache} registers {@code jcache}. Stateless.
 */
public final class StowageStrategyRegistrationProvider implements StrategyRegistrationProvider {

    /** Creates the provider; Hibernate's service loading calls this. */
    public StowageStrategyRegistrationProvider() {
    }

    @Override
    @SuppressWarnings("rawtypes") // Hibernate's StrategyRegistrationProvider declares the raw type
    public Iterable<StrategyRegistration> getStrategyRegistrations() {
        return List.of(new SimpleStrategyRegistrationImpl<>(RegionFactory.class, StowageRegionFactory.class,
                StowageRegionFactory.SHORT_NAME, StowageRegionFactory.class.getName()));
    }
}
