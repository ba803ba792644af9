package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration file gives one ConfigurationException naming the file, the line, the key and the value. */
class ConfigurationErrorsTest {

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> opening(String yaml) throws IOException {
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, yaml);
        URI uri = file.toUri();
        return assertThatThrownBy(() -> provider.getCacheManager(uri, getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(uri.toString());
    }

    @Test
    void anUnknownKeyIsNamedWithItsValueAndTheKnownKeys() throws IOException {
        opening("caches:\n  users:\n    expiryy: 10m\n")
                .hasMessageContaining("stowage.yaml:3: caches.users.expiryy: unknown key 'expiryy' (value '10m')")
                .hasMessageContaining("known keys here: cacheEntryListeners, cacheLoader");
        opening("stores: memory:/\n").hasMessageContaining(":1: stores: unknown key 'stores' (value 'memory:/')");
        opening("caches:\n  users:\n    expiry:\n      policy: created\n      length: 5m\n")
                .hasMessageContaining(":5: caches.users.expiry.length: unknown key 'length' (value '5m'); known keys here: duration, policy");
    }

    @Test
    void aBadDurationIsNamedWithExamples() throws IOException {
        opening("caches:\n  users:\n    expiry:\n      policy: created\n      duration: 10 parsecs\n")
                .hasMessageEndingWith("stowage.yaml:5: caches.users.expiry.duration: '10 parsecs' is not a duration "
                        + "(use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        opening("caches:\n  users:\n    expiry: {policy: created, duration: 600}\n")
                .hasMessageEndingWith("caches.users.expiry.duration: '600' is not a duration: a number needs a unit "
                        + "(use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        opening("caches:\n  users:\n    expiry: {policy: accessed, duration: 0s}\n")
                .hasMessageContaining("caches.users.expiry.duration: '0s' is zero");
        opening("caches:\n  users:\n    expiry: {policy: touched}\n")
                .hasMessageContaining(":3: caches.users.expiry: the expiry policy 'touched' needs a duration");
        opening("caches:\n  users:\n    expiry: {duration: 5m}\n")
                .hasMessageContaining("caches.users.expiry.duration: '5m' is not used by the expiry policy 'eternal' (the default)");
        opening("caches:\n  users:\n    expiry: {policy: sometimes, duration: 5m}\n")
                .hasMessageContaining("caches.users.expiry.duration: '5m' is not used by the expiry policy 'sometimes'");
        opening("caches:\n  users:\n    expiry: {policy: sometimes}\n")
                .hasMessageContaining("caches.users.expiry.policy: 'sometimes' is not an expiry policy");
    }

    @Test
    void aMissingClassIsNamed() throws IOException {
        opening("caches:\n  users:\n    cacheLoader: com.acme.MissingLoader\n")
                .hasMessageContaining(":3: caches.users.cacheLoader: 'com.acme.MissingLoader' is not a class that the "
                        + "class loader finds");
        opening("caches:\n  users:\n    keyType: com.acme.Missing\n")
                .hasMessageContaining("caches.users.keyType: 'com.acme.Missing' is not a class");
        opening("caches:\n  users:\n    keyType: long\n")
                .hasMessageContaining("caches.users.keyType: 'long' is a primitive type; caches hold objects, e.g. java.lang.Long");
        opening("caches:\n  users:\n    cacheWriter: java.lang.String\n")
                .hasMessageContaining("caches.users.cacheWriter: 'java.lang.String' is neither a javax.cache.integration.CacheWriter"
                        + " nor a javax.cache.configuration.Factory of one");
        opening("caches:\n  users:\n    cacheLoader: " + ConfigurationFixtures.NoDefaultConstructor.class.getName() + "\n")
                .hasMessageContaining("has no public no-argument constructor");
        opening("caches:\n  users:\n    cacheEntryListeners:\n      - filter: " + ConfigurationFixtures.StartsWithA.class.getName()
                + "\n").hasMessageContaining(":4: caches.users.cacheEntryListeners[0]: needs 'listener'");
    }

    @Test
    void cacheNamesWithDotsAreQuotedInTheKey() throws IOException {
        opening("caches:\n  com.acme.Book:\n    maximumSize: lots\n")
                .hasMessageContaining(":3: caches[\"com.acme.Book\"].maximumSize: 'lots' is not a non-negative whole number");
    }

    @Test
    void clusterEventsAreRefusedOnAStoreWithoutAChangeFeed() throws IOException {
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, "caches:\n  users:\n    events: cluster\n  local:\n    events: local\n");
        assertThatThrownBy(() -> provider.getCacheManager(file.toUri(), getClass().getClassLoader()).getCache("users"))
                .hasMessageContaining("cache 'users' asks for events: cluster, but its store")
                .hasMessageContaining("its events can only be local");
    }

    @Test
    void badValuesAreNamed() throws IOException {
        opening("caches:\n  users:\n    storeByValue: maybe\n")
                .hasMessageContaining("caches.users.storeByValue: 'maybe' is not true or false");
        opening("caches:\n  users:\n    codec: protobuf\n")
                .hasMessageContaining("caches.users.codec: 'protobuf' is not a codec; use one of auto, java, raw");
        opening("caches:\n  users:\n    valueType: java.lang.Long\n    codec: raw\n")
                .hasMessageContaining("caches.users.codec: 'raw' needs valueType java.lang.String or byte[], not java.lang.Long");
        opening("caches:\n  users:\n    events: everywhere\n")
                .hasMessageContaining("caches.users.events: 'everywhere' is not an events choice; use local, cluster or auto");
        opening("caches:\n  users:\n    readThrough: true\n")
                .hasMessageContaining("caches.users.readThrough: 'true' needs a cacheLoader");
        opening("caches:\n  users:\n    writeThrough: true\n")
                .hasMessageContaining("caches.users.writeThrough: 'true' needs a cacheWriter");
        opening("caches:\n  users:\n    namespace: ''\n").hasMessageContaining("caches.users.namespace: '' is not a namespace");
        opening("caches:\n  users:\n  people:\n    namespace: users\n")
                .hasMessageContaining(":4: caches.people.namespace: 'users' gives cache 'people' the namespace 'users' "
                        + "of cache 'users'; two caches in one namespace would mix their entries");
        opening("defaults:\n  namespace: shared\n").hasMessageContaining("defaults.namespace: unknown key 'namespace'");
        opening("caches: [users]\n").hasMessageContaining("caches: a list is not a mapping");
        opening("caches:\n  users: 10m\n").hasMessageContaining("caches.users: '10m' is not a mapping of");
    }

    @Test
    void badStoresAreNamed() throws IOException {
        Path store = directory.resolve("store");
        opening("store: filestore:" + store + "\ncaches:\n  users:\n    maximumSize: 10\n")
                .hasMessageContaining(":4: caches.users.maximumSize: '10' needs a store that bounds namespaces (the memory "
                        + "store does); this file's store 'filestore:" + store + "' does not");
        opening("store: nosuch://host\n")
                .hasMessageContaining(":1: store: 'nosuch://host' cannot be opened: no store backend serves the scheme 'nosuch'");
        opening("store: file:/etc/other.yaml\n").hasMessageContaining("store: 'file:/etc/other.yaml' names a configuration file, not a store");
        opening("store: no scheme\n").hasMessageContaining("store: 'no scheme' is not a URI");
        opening("store: memory:?maximumSize=many\n").hasMessageContaining("store: 'memory:?maximumSize=many' cannot be opened");
    }

    @Test
    void anUnsetVariableIsNamedAndSecretsAreNotShown() throws IOException {
        opening("store: memory:?maximumSize=${STOWAGE_TEST_UNSET_VARIABLE}\n")
                .hasMessageContaining(":1: store: 'memory:?maximumSize=${STOWAGE_TEST_UNSET_VARIABLE}': the variable "
                        + "STOWAGE_TEST_UNSET_VARIABLE is not set");
        System.setProperty("STOWAGE_TEST_SECRET", "hunter2");
        try {
            opening("store: nosuch://user:${STOWAGE_TEST_SECRET}@host\n")
                    .hasMessageContaining("store: 'nosuch://user:${STOWAGE_TEST_SECRET}@host' cannot be opened");
            opening("caches:\n  users:\n    expiry: {policy: created, duration: '${STOWAGE_TEST_SECRET}'}\n")
                    .hasMessageContaining("duration: '${STOWAGE_TEST_SECRET}' (= 'hunter2') is not a duration");
        } finally {
            System.clearProperty("STOWAGE_TEST_SECRET");
        }
    }

    @Test
    void malformedYamlAndRepeatedKeysAreNamed() throws IOException {
        opening("caches:\n  users: {\n").hasMessageContaining("is not valid YAML");
        opening("caches:\n  users:\n  users:\n").hasMessageContaining(":3: caches.users: 'users' is given twice");
        opening("caches:\n  users: !!java.util.Date {}\n").hasMessageContaining("is not valid YAML: Global tag is not allowed");
        opening("caches:\n  users: !!set {a: 1}\n").hasMessageContaining(":2: caches.users: the tag 'tag:yaml.org,2002:set' is not supported");
        opening("store: memory:\n").hasMessageContaining(":1: is not valid YAML: mapping values are not allowed here (a value "
                + "ending in ':' needs quotes or a '/': store: \"memory:\" or store: memory:/)");
        opening("defaults: &d {statisticsEnabled: true}\ncaches:\n  users:\n    <<: *d\n")
                .hasMessageContaining("caches.users[\"<<\"]: YAML merge keys are not supported");
    }

    @Test
    void aMissingFileOrResourceIsNamed() {
        URI missing = directory.resolve("absent.yaml").toUri();
        assertThatThrownBy(() -> provider.getCacheManager(missing, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(missing + ": there is no such file");
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("classpath:absent-stowage.yaml"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("classpath:absent-stowage.yaml: there is no resource 'absent-stowage.yaml'");
    }
}
