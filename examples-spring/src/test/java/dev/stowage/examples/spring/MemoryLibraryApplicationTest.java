package dev.stowage.examples.spring;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application on the memory store. */
class MemoryLibraryApplicationTest extends LibraryApplicationContract {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("stowage.uri", () -> "memory:/library-" + UUID.randomUUID());
    }

    @Override
    String expectedUriPrefix() {
        return "memory:/library-";
    }
}
