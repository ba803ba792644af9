package dev.stowage.jcache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.codec.JavaCodec;
import java.time.LocalDate;
import java.util.List;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** Store keys of a cache of {@code Object} keys: readable tags, canonical scoped keys, Base64 for the rest. */
class KeyFormatTest {

    private final KeyFormat format = new KeyFormat(Object.class, JavaCodec.forTypes(getClass().getClassLoader()));

    @Test
    void stringsAndNumbersStayReadable() {
        assertThat(format.encode("isbn")).isEqualTo("s:isbn");
        assertThat(format.encode(10L)).isEqualTo("l:10");
        assertThat(format.encode(7)).isEqualTo("i:7");
        for (Object key : List.of("isbn", 10L, 7, "", "a:b")) {
            assertThat(format.decode(format.encode(key))).isEqualTo(key);
        }
    }

    @Test
    void aScopedKeyIsItsScopeAndItsTaggedIdAndRoundTrips() {
        ScopedKey book = new ScopedKey("dev.stowage.examples.hibernate.Book", 10L);
        assertThat(format.encode(book)).isEqualTo("k:35:dev.stowage.examples.hibernate.Book:l:10");
        ScopedKey odd = new ScopedKey("a:b:", "x:y");
        assertThat(format.encode(odd)).isEqualTo("k:4:a:b::s:x:y");
        ScopedKey dated = new ScopedKey("Day", LocalDate.of(2026, 12, 1));
        assertThat(format.encode(dated)).startsWith("k:3:Day:j:");
        for (ScopedKey key : List.of(book, odd, dated, new ScopedKey("", 1), new ScopedKey("nested", new ScopedKey("n", "k")))) {
            assertThat(format.decode(format.encode(key))).isEqualTo(key);
        }
    }

    @Test
    void aMalformedScopedKeyIsRefusedNamingIt() {
        for (String bad : List.of("k:", "k:99:short:l:1", "k:1:ab:l:1", "k:x:a:l:1", "k:1:a:zz")) {
            assertThatThrownBy(() -> format.decode(bad)).isInstanceOf(CacheException.class).hasMessageContaining(bad);
        }
    }
}
