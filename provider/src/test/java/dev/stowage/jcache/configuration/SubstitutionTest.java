package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

    private final Substitution substitution = new Substitution(Map.of("HOST", "cache.internal", "PASSWORD", "s3cret")::get);

    @Test
    void replacesVariablesDefaultsAndEscapes() {
        assertThat(substitution.apply("redis://:${PASSWORD}@${HOST}:${PORT:6379}/0"))
                .isEqualTo("redis://:s3cret@cache.internal:6379/0");
        assertThat(substitution.apply("${MISSING:}")).isEmpty();
        assertThat(substitution.apply("$${HOST} costs $5")).isEqualTo("${HOST} costs $5");
        assertThat(substitution.apply("plain")).isEqualTo("plain");
    }

    @Test
    void refusesUnsetUnclosedAndInvalidVariables() {
        assertThatThrownBy(() -> substitution.apply("${MISSING}"))
                .hasMessageStartingWith("the variable MISSING is not set");
        assertThatThrownBy(() -> substitution.apply("x${HOST")).hasMessage("'${' at position 1 is not closed by '}'");
        assertThatThrownBy(() -> substitution.apply("${1A}")).hasMessage("'${1A}' does not name a variable");
    }

    @Test
    void theEnvironmentLookupFallsBackToSystemProperties() {
        System.setProperty("STOWAGE_SUBSTITUTION_TEST", "from a property");
        try {
            assertThat(new Substitution(Substitution.ENVIRONMENT).apply("${STOWAGE_SUBSTITUTION_TEST}"))
                    .isEqualTo("from a property");
        } finally {
            System.clearProperty("STOWAGE_SUBSTITUTION_TEST");
        }
    }
}
