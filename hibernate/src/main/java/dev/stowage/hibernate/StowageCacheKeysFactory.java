package dev.stowage.hibernate;

import dev.stowage.jcache.storage.ScopedKey;
import org.hibernate.cache.internal.DefaultCacheKeysFactory;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hibernate's second-level cache keys as Stowage {@link ScopedKey}s: an entity key is the root
 * entity name and the id, a collection key the collection role and the owner's id (with
 * {@code @tenant} after the name under multi-tenancy), so that a Redis key or file index entry is
 * {@code k:35:dev.stowage.examples.hibernate.Book:l:10} instead of the Base64 of a serialized
 * {@code CacheKeyImplementation} (about 330 characters). The id is Hibernate's own identifier
 * object, as {@code hibernate.cache.keys_factory=simple} uses it. Natural-id keys are Hibernate's
 * default ones. Stateless and thread-safe.
 */
public final class StowageCacheKeysFactory implements CacheKeysFactory {

    /** The one instance. */
    public static final StowageCacheKeysFactory INSTANCE = new StowageCacheKeysFactory();

    private StowageCacheKeysFactory() {
    }

    private static String scope(String name, String tenantIdentifier) {
        return tenantIdentifier == null ? name : name + "@" + tenantIdentifier;
    }

    @Override
    public Object createCollectionKey(Object id, CollectionPersister persister, SessionFactoryImplementor factory,
            String tenantIdentifier) {
        return new ScopedKey(scope(persister.getRole(), tenantIdentifier), id);
    }

    @Override
    public Object createEntityKey(Object id, EntityPersister persister, SessionFactoryImplementor factory,
            String tenantIdentifier) {
        return new ScopedKey(scope(persister.getRootEntityName(), tenantIdentifier), id);
    }

    @Override
    public Object createNaturalIdKey(Object naturalIdValues, EntityPersister persister,
            SharedSessionContractImplementor session) {
        return DefaultCacheKeysFactory.INSTANCE.createNaturalIdKey(naturalIdValues, persister, session);
    }

    @Override
    public Object getEntityId(Object cacheKey) {
        return ((ScopedKey) cacheKey).id();
    }

    @Override
    public Object getCollectionId(Object cacheKey) {
        return ((ScopedKey) cacheKey).id();
    }

    @Override
    public Object getNaturalIdValues(Object cacheKey) {
        return DefaultCacheKeysFactory.INSTANCE.getNaturalIdValues(cacheKey);
    }
}
