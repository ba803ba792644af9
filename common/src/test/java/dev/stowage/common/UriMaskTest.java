package dev.stowage.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link UriMask#mask}: the password of a URI never shows, whatever else the URI holds. */
class UriMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://user:secret@host:6379/0/ns | redis://user:****@host:6379/0/ns",
        "redis://:secret@host/0 | redis://:****@host/0",
        "redis://user:secret@host/0/ns@other | redis://user:****@host/0/ns@other",
        "redis://user:secret@host?name=a@b | redis://user:****@host?name=a@b",
        "redis://user:se@cret@host/0 | redis://user:****@host/0",
        "redis://user:pa/ss@host/0 | redis://user:****@host/0",
        "redis://host:6379/0/ns@x | redis://host:6379/0/ns@x",
        "redis://host:6379/0 | redis://host:6379/0",
        "redis://h1:7000,h2:7001/cluster/ns@x | redis://h1:7000,h2:7001/cluster/ns@x",
        "redis://[::1]:7000,h2/0/ns@x | redis://[::1]:7000,h2/0/ns@x",
        "redis://user:pa/ss@h1:7000,h2:7001/cluster | redis://user:****@h1:7000,h2:7001/cluster",
        "redis-stream://u:secret@h1,h2?prefix=p | redis-stream://u:****@h1,h2?prefix=p",
        "memory:/a@b | memory:/a@b",
        "rediss://h/0?keyStore=/k.p12&keyStorePassword=secret | rediss://h/0?keyStore=/k.p12&keyStorePassword=****",
        "rediss://u:secret@h/0?trustStorePassword=secret&x=1&PASSWORD=secret | rediss://u:****@h/0?trustStorePassword=****&x=1&PASSWORD=****",
        "rediss://h/0?keyStorePasswordEnv=KS | rediss://h/0?keyStorePasswordEnv=KS",
    })
    void masksOnlyThePassword(String uri, String masked) {
        assertThat(UriMask.mask(uri)).isEqualTo(masked).doesNotContain("secret");
    }
}
