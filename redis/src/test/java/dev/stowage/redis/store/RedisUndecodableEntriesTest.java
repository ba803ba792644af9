package dev.stowage.redis.store;

import dev.stowage.jcache.UndecodableEntriesContract;
import dev.stowage.testing.RedisServers;
import java.net.URI;

/** Undecodable entries in a cache on Redis, in a namespace of each test's own. */
class RedisUndecodableEntriesTest extends UndecodableEntriesContract {

    @Override
    protected URI managerUri() {
        return URI.create(RedisServers.standalone() + "/0/" + RedisTestClients.uniqueNamespace("undecodable"));
    }
}
