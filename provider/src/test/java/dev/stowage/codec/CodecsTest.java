package dev.stowage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.codec.fixtures.User;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void rawGivesARawCodecOfTheDeclaredType() {
        Codec<Object> codec = Codecs.forName("raw", String.class, loader);
        assertThat(codec).isInstanceOf(RawCodec.class);
        assertThat(codec.name()).isEqualTo("raw");
        assertThat(codec.decode(codec.encode("abc"))).isEqualTo("abc");
    }

    @Test
    void javaGivesAJavaCodecAdmittingTheDeclaredType() {
        Codec<Object> codec = Codecs.forName(" Java ", User.class, loader);
        assertThat(codec).isInstanceOf(JavaCodec.class);
        assertThat(codec.name()).isEqualTo("java");
        User user = new User("ann", null);
        assertThat(codec.decode(codec.encode(user))).isEqualTo(user);
    }

    @Test
    void unknownNamesAreRefusedNamingThemAndTheKnownOnes() {
        assertThatThrownBy(() -> Codecs.forName("json5", String.class, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'json5'").hasMessageContaining("java, raw");
        assertThat(Codecs.names()).containsExactly("java", "raw");
    }

    @Test
    void rawRefusesATypeItCannotEncodeNamingIt() {
        assertThatThrownBy(() -> Codecs.forName("raw", Object.class, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    @Test
    void nullArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> Codecs.forName(null, String.class, loader)).hasMessage("name");
        assertThatThrownBy(() -> Codecs.forName("raw", null, loader)).hasMessage("declaredType");
        assertThatThrownBy(() -> Codecs.forName("raw", String.class, null)).hasMessage("loader");
    }
}
