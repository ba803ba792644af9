package dev.stowage.jcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CopierTest {

    record Point(int x, long y, String label, Instant at, TimeUnit unit) implements Serializable {
    }

    record Nested(Point from, Point to, boolean open) implements Serializable {
    }

    record Holding(List<String> names) implements Serializable {
    }

    record Numbered(BigInteger number) implements Serializable {
    }

    record Chain(String value, Chain next) implements Serializable {
    }

    static final class Mutable implements Serializable {
        private static final long serialVersionUID = 1L;
        int count;
    }

    private final Copier copier = new Copier(CopierTest.class.getClassLoader());

    @Test
    void recordsOfImmutableFinalTypesAreSharedAsTheyAre() {
        Point point = new Point(1, 2, "a", Instant.EPOCH, TimeUnit.SECONDS);
        Nested nested = new Nested(point, point, true);
        Chain chain = new Chain("a", new Chain("b", null));
        assertThat(copier.toStored(point)).isSameAs(point);
        assertThat(copier.fromStored(copier.toStored(nested))).isSameAs(nested);
        assertThat(copier.copy(chain)).isSameAs(chain);
        assertThat(Copier.isImmutable(TimeUnit.SECONDS)).isTrue();
        assertThat(Copier.isImmutable(BigInteger.ONE)).isTrue();
    }

    @Test
    void recordsThatMayHoldSomethingMutableAreCopied() {
        Holding holding = new Holding(new ArrayList<>(List.of("a")));
        Numbered numbered = new Numbered(BigInteger.TEN);
        Object stored = copier.toStored(holding);
        holding.names().add("b");
        assertThat(copier.fromStored(stored)).isEqualTo(new Holding(List.of("a"))).isNotSameAs(holding);
        // BigInteger is not final: a component of that type may hold a mutable subclass
        assertThat(copier.copy(numbered)).isEqualTo(numbered).isNotSameAs(numbered);
        Mutable mutable = new Mutable();
        assertThat(copier.copy(mutable)).isNotSameAs(mutable);
        byte[] bytes = {1, 2};
        assertThat(copier.fromStored(copier.toStored(bytes))).isEqualTo(bytes).isNotSameAs(bytes);
    }

    @Test
    void configuredTypesWhoseEveryInstanceNeedsNoCopy() {
        assertThat(Copier.sharesEvery(String.class)).isTrue();
        assertThat(Copier.sharesEvery(Long.class)).isTrue();
        assertThat(Copier.sharesEvery(TimeUnit.class)).isTrue();
        assertThat(Copier.sharesEvery(Point.class)).isTrue();
        assertThat(Copier.sharesEvery(Nested.class)).isTrue();
        // an instance of a subclass could hold state of its own
        assertThat(Copier.sharesEvery(BigInteger.class)).isFalse();
        assertThat(Copier.sharesEvery(Object.class)).isFalse();
        assertThat(Copier.sharesEvery(byte[].class)).isFalse();
        assertThat(Copier.sharesEvery(Mutable.class)).isFalse();
        assertThat(Copier.sharesEvery(Holding.class)).isFalse();
        assertThat(Copier.sharesEvery(StringBuilder.class)).isFalse();
    }
}
