package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StowageCachingProviderTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void clearProperty() {
        System.clearProperty(StowageCachingProvider.URI_PROPERTY);
        provider.close();
    }

    @Test
    void isFoundThroughServiceLoaderByItsClassName() {
        CachingProvider found = Caching.getCachingProvider(StowageCachingProvider.class.getName());
        assertThat(found).isInstanceOf(StowageCachingProvider.class);
        assertThat(found.isSupported(OptionalFeature.STORE_BY_REFERENCE)).isTrue();
    }

    @Test
    void theDefaultUriIsTheMemoryBackend() {
        assertThat(provider.getDefaultURI()).isEqualTo(URI.create("memory:/"));
        assertThat(provider.getCacheManager().getURI()).isEqualTo(URI.create("memory:/"));
    }

    @Test
    void theSystemPropertyChoosesTheDefaultUriAndABareSchemeIsAccepted() {
        System.setProperty(StowageCachingProvider.URI_PROPERTY, "memory:");
        assertThat(provider.getDefaultURI()).isEqualTo(URI.create("memory:/"));
        System.setProperty(StowageCachingProvider.URI_PROPERTY, "memory:?maximumSize=5");
        assertThat(provider.getDefaultURI()).isEqualTo(URI.create("memory:?maximumSize=5"));
    }

    @Test
    void aMalformedDefaultUriIsNamedInTheError() {
        System.setProperty(StowageCachingProvider.URI_PROPERTY, "memory:/a b");
        assertThatThrownBy(provider::getDefaultURI)
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("stowage.uri")
                .hasMessageContaining("'memory:/a b'");
    }

    @Test
    void anUnknownSchemeIsNamedWithTheSchemesThatExist() {
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("nosuch://x"), null))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("'nosuch'")
                .hasMessageContaining("memory")
                .hasMessageContaining("filestore");
    }

    @Test
    void aMalformedStoreParameterIsNamed() {
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("memory:?maximumSize=-3"), null))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("maximumSize '-3'");
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("redis://app:s3cret@127.0.0.1:1/0?timeout=500ms"), null))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void oneManagerPerUriAndClassLoaderUntilItCloses() {
        CacheManager first = provider.getCacheManager(URI.create("memory:/a"), null);
        assertThat(provider.getCacheManager(URI.create("memory:/a"), null)).isSameAs(first);
        assertThat(provider.getCacheManager(URI.create("memory:/b"), null)).isNotSameAs(first);
        first.close();
        assertThat(provider.getCacheManager(URI.create("memory:/a"), null)).isNotSameAs(first);
    }
}
