package dev.stowage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawCodecTest {

    private final RawCodec strings = new RawCodec(String.class);
    private final RawCodec bytes = new RawCodec(byte[].class);

    @Test
    void stringsRoundTripAsUtf8() {
        String text = "grüße, 世界 \uD83D\uDE00 and nothing else";
        byte[] encoded = strings.encode(text);
        assertThat(encoded).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(strings.decode(encoded)).isEqualTo(text);
        assertThat(strings.decode(new byte[0])).isEqualTo("");
    }

    @Test
    void bytesRoundTripAsIsAndAreCopied() {
        byte[] value = {0, -1, 127, -128, 42};
        byte[] encoded = bytes.encode(value);
        assertThat(encoded).isEqualTo(value).isNotSameAs(value);
        Object decoded = bytes.decode(encoded);
        assertThat(decoded).isInstanceOf(byte[].class).isEqualTo(value).isNotSameAs(encoded);
    }

    @Test
    void constructorRefusesOtherTypesNamingThem() {
        assertThatThrownBy(() -> new RawCodec(Integer.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> new RawCodec(Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> new RawCodec(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("type");
    }

    @Test
    void encodeRefusesValuesOfTheWrongTypeNamingTheirClass() {
        assertThatThrownBy(() -> strings.encode(42))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> bytes.encode("text"))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> strings.encode(List.of()))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.util.ImmutableCollections");
    }

    @Test
    void invalidUnicodeIsRefusedRatherThanReplaced() {
        assertThatThrownBy(() -> strings.encode("broken \uD800 surrogate"))
                .isInstanceOf(CodecException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> strings.decode(new byte[] {'a', (byte) 0xC3}))
                .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> strings.decode(new byte[] {(byte) 0xFF}))
                .isInstanceOf(CodecException.class).hasMessageContaining("1 bytes");
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> strings.encode(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> bytes.decode(null)).isInstanceOf(NullPointerException.class).hasMessage("bytes");
    }

    @Test
    void nameAndTypeAreReported() {
        assertThat(strings.name()).isEqualTo("raw");
        assertThat(strings.type()).isEqualTo(String.class);
        assertThat(bytes.type()).isEqualTo(byte[].class);
    }
}
