package dev.stowage.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UriErrorsTest {

    @Test
    void anInvalidUriIsNamedWithItsPasswordMasked() {
        assertThat(UriErrors.invalid("Redis", "redis://app:s3cret@h:1/0", "it names no database"))
                .hasMessage("Redis URI 'redis://app:****@h:1/0' is invalid: it names no database");
    }

    @Test
    void anUnknownParameterIsNamedWithTheKnownOnesSorted() {
        assertThat(UriErrors.unknownParameter("File store", "filestore:/tmp/x?colour=red", "colour",
                List.of("sync", "permissions")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("File store URI 'filestore:/tmp/x?colour=red' is invalid: unknown parameter 'colour'; "
                        + "known are permissions, sync");
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> UriErrors.invalid(null, "u", "p")).hasMessage("kind");
        assertThatThrownBy(() -> UriErrors.invalid("k", null, "p")).hasMessage("uri");
        assertThatThrownBy(() -> UriErrors.unknownParameter("k", "u", "n", null)).hasMessage("known");
    }
}
