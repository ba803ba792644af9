package dev.stowage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.codec.fixtures.Address;
import dev.stowage.codec.fixtures.Color;
import dev.stowage.codec.fixtures.Node;
import dev.stowage.codec.fixtures.User;
import dev.stowage.codec.gadget.Gadget;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.UnnamedNeighbour;

class JavaCodecTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @BeforeEach
    @AfterEach
    void reset() {
        System.clearProperty(JavaAllowList.ALLOW_PROPERTY);
        Gadget.READ_OBJECT_RAN.set(false);
        Gadget.READ_RESOLVE_RAN.set(false);
    }

    private static Object roundTrip(JavaCodec codec, Object value) {
        return codec.decode(codec.encode(value));
    }

    @Test
    void javaBaseValueTypesRoundTripWithNothingDeclared() {
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class);
        TreeMap<String, Integer> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.put("A", 1);
        ConcurrentHashMap<String, Long> concurrent = new ConcurrentHashMap<>(Map.of("k", 2L));
        List<Object> values = List.of(
                42, 42L, 4.2d, 4.2f, (short) 4, (byte) 4, 'c', true, "text",
                new BigDecimal("3.14159265358979323846"), BigInteger.TWO.pow(100),
                Instant.parse("2024-02-29T12:00:00.123456789Z"), Duration.ofDays(365L * 1000),
                LocalDate.of(2024, 2, 29), ZonedDateTime.of(2024, 2, 29, 1, 2, 3, 4, ZoneId.of("Europe/Paris")),
                UUID.randomUUID(), new ArrayList<>(List.of(1, 2)), List.of("a", "b"), Set.of(1), Map.of("k", "v"),
                new HashMap<>(Map.of("k", List.of(1))), new LinkedHashSet<>(List.of(3, 1, 2)),
                Arrays.asList(1, 2, 3), Collections.unmodifiableList(new ArrayList<>(List.of("x"))),
                Collections.emptyMap(), caseless, concurrent, new CopyOnWriteArrayList<>(List.of(1)),
                java.util.concurrent.TimeUnit.SECONDS);
        for (Object value : values) {
            assertThat(roundTrip(codec, value)).as(value.getClass().getName()).isEqualTo(value);
        }
        assertThat(((AtomicLong) roundTrip(codec, new AtomicLong(7))).get()).isEqualTo(7);
        assertThat((int[]) roundTrip(codec, new int[] {1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((String[][]) roundTrip(codec, new String[][] {{"a"}, {"b", null}}))
                .isDeepEqualTo(new String[][] {{"a"}, {"b", null}});
        assertThat((Object[]) roundTrip(codec, new Object[] {1, "two", null})).containsExactly(1, "two", null);
        assertThat(((TreeMap<?, ?>) roundTrip(codec, caseless)).get("a")).isEqualTo(1);
    }

    @Test
    void aDeclaredTypeAdmitsItselfAndItsPackage() {
        JavaCodec codec = JavaCodec.forTypes(loader, String.class, User.class);
        User user = new User("ann", new Address("Paris", Color.GREEN));
        assertThat(roundTrip(codec, user)).isEqualTo(user);
        assertThat(roundTrip(codec, new Address("Lyon", Color.RED))).isEqualTo(new Address("Lyon", Color.RED));
        assertThat(roundTrip(codec, EnumSet.of(Color.RED, Color.BLUE))).isEqualTo(EnumSet.of(Color.RED, Color.BLUE));
        EnumMap<Color, String> map = new EnumMap<>(Map.of(Color.BLUE, "b"));
        assertThat(roundTrip(codec, map)).isEqualTo(map);
        assertThat(roundTrip(codec, List.of(user, user))).isEqualTo(List.of(user, user));
        assertThat((User[]) roundTrip(codec, new User[] {user})).containsExactly(user);
    }

    @Test
    void aDeclaredArrayTypeAdmitsItsComponentType() {
        JavaCodec codec = JavaCodec.forTypes(loader, User[].class);
        User user = new User("bob", null);
        assertThat(roundTrip(codec, user)).isEqualTo(user);
    }

    @Test
    void aClassOutsideTheListIsRefusedAndNeverInstantiated() {
        JavaCodec codec = JavaCodec.forTypes(loader, String.class, User.class);
        byte[] bytes = codec.encode(new Gadget("rm -rf /"));
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(Gadget.class.getName())
                .hasMessageContaining("declare it as the cache's key or value type")
                .hasMessageContaining("stowage.codec.java.allow")
                .hasMessageContaining("dev.stowage.codec.fixtures");
        assertThat(Gadget.READ_OBJECT_RAN).isFalse();
        assertThat(Gadget.READ_RESOLVE_RAN).isFalse();
    }

    @Test
    void namedFrameworkClassesAreAdmittedByExactNameNotByPackage() {
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class, Object.class);
        assertThat(roundTrip(codec, new NullValue())).isEqualTo(new NullValue());
        assertThat(roundTrip(codec, new Serializable[] {1L, "x"})).isEqualTo(new Serializable[] {1L, "x"});
        byte[] neighbour = codec.encode(new UnnamedNeighbour());
        assertThatThrownBy(() -> codec.decode(neighbour))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(UnnamedNeighbour.class.getName());
        assertThat(UnnamedNeighbour.READ_OBJECT_RAN).isFalse();
    }

    @Test
    void aRefusedClassNestedInAdmittedOnesIsStillRefused() {
        JavaCodec codec = JavaCodec.forTypes(loader, User.class);
        byte[] bytes = codec.encode(new HashMap<>(Map.of("k", List.of(new Gadget("x")))));
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining(Gadget.class.getName());
        assertThat(Gadget.READ_OBJECT_RAN).isFalse();
    }

    @Test
    void objectAndSerializableAdmitNothingExtra() {
        for (Class<?> declared : List.of(Object.class, Serializable.class)) {
            JavaCodec codec = JavaCodec.forTypes(loader, declared);
            assertThatThrownBy(() -> codec.decode(codec.encode(new User("ann", null))))
                    .as(declared.getName())
                    .isInstanceOf(CodecException.class).hasMessageContaining(User.class.getName());
            assertThatThrownBy(() -> codec.decode(codec.encode(new Gadget("x"))))
                    .isInstanceOf(CodecException.class).hasMessageContaining(Gadget.class.getName());
        }
        assertThat(Gadget.READ_OBJECT_RAN).isFalse();
    }

    @Test
    void aDeclaredPlatformTypeAdmitsOnlyItselfNotItsPackage() {
        JavaCodec codec = JavaCodec.forTypes(loader, java.net.URI.class);
        assertThat(roundTrip(codec, java.net.URI.create("http://example.com/")))
                .isEqualTo(java.net.URI.create("http://example.com/"));
        byte[] inetAddress = codec.encode(new java.net.InetSocketAddress(80).getAddress());
        assertThatThrownBy(() -> codec.decode(inetAddress))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.net.Inet");
    }

    @Test
    void theSystemPropertyAddsPatterns() {
        System.setProperty(JavaAllowList.ALLOW_PROPERTY, "dev.stowage.codec.gadget.**;com.example.Other");
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class);
        Object decoded = roundTrip(codec, new Gadget("allowed"));
        assertThat(((Gadget) decoded).command).isEqualTo("allowed");
        assertThat(Gadget.READ_OBJECT_RAN).isTrue();
    }

    @Test
    void theSystemPropertyIsReadWhenTheCodecIsCreated() {
        JavaCodec before = JavaCodec.forTypes(loader, Object.class);
        System.setProperty(JavaAllowList.ALLOW_PROPERTY, Gadget.class.getName());
        assertThatThrownBy(() -> roundTrip(before, new Gadget("x"))).isInstanceOf(CodecException.class);
        assertThat(roundTrip(JavaCodec.forTypes(loader, Object.class), new Gadget("x"))).isInstanceOf(Gadget.class);
    }

    @Test
    void aRejectingPatternInThePropertyWinsOverTheBaseList() {
        System.setProperty(JavaAllowList.ALLOW_PROPERTY, "!java.util.HashMap");
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class);
        assertThatThrownBy(() -> roundTrip(codec, new HashMap<>(Map.of(1, 2))))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.util.HashMap");
        assertThat(roundTrip(codec, new TreeMap<>(Map.of(1, 2)))).isEqualTo(Map.of(1, 2));
    }

    @Test
    void anInvalidPropertyIsRefusedNamingIt() {
        System.setProperty(JavaAllowList.ALLOW_PROPERTY, "maxdepth=lots");
        assertThatThrownBy(() -> JavaCodec.forTypes(loader, Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stowage.codec.java.allow").hasMessageContaining("maxdepth=lots");
    }

    @Test
    void aCustomFilterDecidesAndIsReported() {
        ObjectInputFilter onlyUsers = ObjectInputFilter.Config.createFilter("dev.stowage.codec.fixtures.User;!*");
        JavaCodec codec = JavaCodec.withFilter(loader, onlyUsers);
        assertThat(codec.filter()).isSameAs(onlyUsers);
        assertThat(roundTrip(codec, new User("ann", null))).isEqualTo(new User("ann", null));
        assertThatThrownBy(() -> roundTrip(codec, new Address("Paris", Color.RED)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(Address.class.getName()).hasMessageContaining("filter rejected");
    }

    @Test
    void theDefaultFilterIsExposedAndDecidesOnClasses() {
        ObjectInputFilter filter = JavaCodec.forTypes(loader, User.class).filter();
        assertThat(filter.toString()).contains("dev.stowage.codec.fixtures");
    }

    @Test
    void deepNestingIsRefusedAsALimit() {
        JavaCodec codec = JavaCodec.forTypes(loader, Node.class);
        assertThat(roundTrip(codec, Node.chain(100))).isInstanceOf(Node.class);
        byte[] deep = codec.encode(Node.chain(700));
        assertThatThrownBy(() -> codec.decode(deep))
                .isInstanceOf(CodecException.class).hasMessageContaining("depth").hasMessageContaining("500");
    }

    @Test
    void anArrayClaimingMoreElementsThanBytesIsRefusedWithoutAllocatingIt() {
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class);
        byte[] bytes = codec.encode(new long[] {1, 2, 3});
        int lengthAt = indexOfInt(bytes, 3);
        ByteBuffer.wrap(bytes).putInt(lengthAt, Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("array claims " + (Integer.MAX_VALUE - 8));
    }

    @Test
    void classesAreResolvedWithTheGivenLoader() {
        JavaCodec platformOnly = JavaCodec.forTypes(ClassLoader.getPlatformClassLoader(), User.class);
        byte[] bytes = platformOnly.encode(new User("ann", null));
        assertThatThrownBy(() -> platformOnly.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(User.class.getName()).hasMessageContaining("not found");
    }

    @Test
    void anUnknownClassIsReportedByName() {
        JavaCodec codec = JavaCodec.forTypes(loader, User.class);
        byte[] bytes = codec.encode(new User("ann", null));
        String original = User.class.getName();
        String renamed = original.substring(0, original.length() - 1) + "x";
        byte[] patched = replace(bytes, original, renamed);
        assertThatThrownBy(() -> codec.decode(patched))
                .isInstanceOf(CodecException.class).hasMessageContaining(renamed);
    }

    @Test
    void corruptTruncatedOrNullDataIsACodecException() {
        JavaCodec codec = JavaCodec.forTypes(loader, User.class);
        byte[] bytes = codec.encode(new User("ann", new Address("Paris", Color.RED)));
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(CodecException.class).hasMessageContaining("corrupt or truncated");
        assertThatThrownBy(() -> codec.decode("not serialized".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("corrupt or truncated");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(CodecException.class);
        byte[] serializedNull = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x70};
        assertThatThrownBy(() -> codec.decode(serializedNull))
                .isInstanceOf(CodecException.class).hasMessageContaining("null");
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedNamingTheClass() {
        JavaCodec codec = JavaCodec.forTypes(loader, Object.class);
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> codec.encode(List.of(new Thread())))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Thread");
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        JavaCodec codec = JavaCodec.forTypes(loader);
        assertThat(codec.name()).isEqualTo("java");
        assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(NullPointerException.class).hasMessage("bytes");
        assertThatThrownBy(() -> JavaCodec.forTypes(null)).hasMessage("loader");
        assertThatThrownBy(() -> JavaCodec.forTypes(loader, String.class, null)).hasMessage("declaredTypes[1]");
        assertThatThrownBy(() -> JavaCodec.withFilter(loader, null)).hasMessage("filter");
    }

    private static int indexOfInt(byte[] bytes, int value) {
        for (int i = bytes.length - 4 - 3 * 8; i >= 0; i--) {
            if (ByteBuffer.wrap(bytes).getInt(i) == value) {
                return i;
            }
        }
        throw new AssertionError("length field not found");
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.UTF_8);
        byte[] copy = bytes.clone();
        for (int i = 0; i + needle.length <= copy.length; i++) {
            if (Arrays.equals(copy, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.UTF_8), 0, copy, i, needle.length);
                return copy;
            }
        }
        throw new AssertionError(from + " not found");
    }
}
