package dev.stowage.examples.hibernate;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The second-level cache contract on the file store. Hibernate's keys and entries are its own
 * classes, so a byte-level store (file, Redis) needs them admitted to the java codec's
 * deserialization allow-list through the system property {@code stowage.codec.java.allow}, with
 * {@code java.io.Serializable} for the {@code Serializable[]} of disassembled entity state.
 */
class FileStoreSecondLevelCacheTest extends SecondLevelCacheContract {

    static final String ALLOW = "stowage.codec.java.allow";

    @BeforeAll
    static void admitHibernateClasses() {
        System.setProperty(ALLOW, "org.hibernate.**;dev.stowage.examples.hibernate.**;java.io.Serializable");
    }

    @AfterAll
    static void forgetHibernateClasses() {
        System.clearProperty(ALLOW);
    }

    @Override
    protected String storeUri(Path directory) {
        return "filestore:" + directory.resolve("store");
    }
}
