package dev.stowage.examples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.storage.ScopedKey;
import dev.stowage.testing.RedisBinaries;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second-level cache contract on Redis, on a server of its own (stopped afterwards, so nothing is
 * left behind), and what an entity costs there: the Redis keys of the {@code Book} region and their
 * {@code MEMORY USAGE} with Hibernate's own keys ({@code factory_class=jcache}: Base64 of a
 * serialized {@code CacheKeyImplementation}) and with Stowage's ({@code factory_class=stowage}).
 */
class RedisSecondLevelCacheTest extends SecondLevelCacheContract {

    private static RedisProcess server;

    @BeforeAll
    static void startRedis() {
        server = RedisServers.startPrivate();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Override
    protected String storeUri(Path directory) {
        return server.url() + "/0/" + directory.getFileName();
    }

    @Test
    void entityKeysAreCompactAndCostLessMemory() throws Exception {
        double hibernateKeys = bytesPerBook("jcache", "keys-jcache");
        double stowageKeys = bytesPerBook("stowage", "keys-stowage");
        System.out.printf("MEMORY USAGE per cached Book entity on Redis: %.0f bytes with Hibernate's keys,"
                + " %.0f bytes with stowage-hibernate's%n", hibernateKeys, stowageKeys);
        assertThat(stowageKeys).isLessThan(hibernateKeys);
    }

    /** Seeds a database whose cache is in {@code namespace}; returns the mean MEMORY USAGE of its Book entries. */
    private double bytesPerBook(String regionFactory, String namespace) throws Exception {
        String store = server.url() + "/0/" + namespace;
        // Hibernate's own region factory loads the URI as a resource: it needs a configuration file
        String cacheUri = regionFactory.equals("jcache")
                ? Files.writeString(directory.resolve(namespace + ".yaml"), "store: \"" + store + "\"\n").toUri().toString()
                : store;
        Map<String, Object> settings = LibraryDatabase.settings(cacheUri, "create");
        settings.put("hibernate.cache.region.factory_class", regionFactory);
        settings.put("hibernate.javax.cache.provider", LibraryDatabase.PROVIDER);
        List<String> keys;
        try (SessionFactory factory = LibraryDatabase.open(settings)) {
            LibraryDatabase.seed(factory);
            keys = cli("--scan", "--pattern", "*" + namespace + "*hibernate.Book*");
            assertThat(keys).hasSize(3);
            if (regionFactory.equals("stowage")) {
                assertThat(keys).anyMatch(key -> key.endsWith("k:35:dev.stowage.examples.hibernate.Book:l:10"));
            } else {
                assertThat(keys).allMatch(key -> key.length() > 300);
            }
            // the entries read back with no SQL, and iteration decodes the keys (Hibernate's own classes
            // with factory_class=jcache, admitted by name): no allow-list setting anywhere
            factory.getStatistics().clear();
            factory.inSession(session -> assertThat(session.find(Book.class, 11L).getTitle()).isEqualTo("Dune Messiah"));
            assertThat(factory.getStatistics().getPrepareStatementCount()).isZero();
            List<String> keyClasses = new ArrayList<>();
            ((JCacheRegionFactory) factory.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory())
                    .getCacheManager().getCache(BOOK).forEach(entry -> keyClasses.add(entry.getKey().getClass().getName()));
            assertThat(keyClasses).hasSize(3).allMatch(name -> name.equals(regionFactory.equals("stowage")
                    ? ScopedKey.class.getName() : "org.hibernate.cache.internal.BasicCacheKeyImplementation"));
            long total = 0;
            for (String key : keys) {
                total += Long.parseLong(cli("MEMORY", "USAGE", key).get(0).strip());
            }
            System.out.printf("%s keys: e.g. %s (%d characters)%n", regionFactory, keys.get(0), keys.get(0).length());
            return total / (double) keys.size();
        }
    }

    private static List<String> cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RedisBinaries.cli().toString(), "-p", String.valueOf(server.port())));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
