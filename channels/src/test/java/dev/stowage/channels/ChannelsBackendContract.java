package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChannelsBackend} shares (Litestar's channels backend contract). A
 * backend's test extends this and supplies unstarted backends; channel names are unique per test.
 */
public abstract class ChannelsBackendContract {

    protected static final Duration QUIET = Duration.ofMillis(300);

    protected ChannelsBackend backend;
    protected EventProbe events;
    protected String ns;

    /** Creates a new, unstarted backend, isolated from other tests' data. */
    protected abstract ChannelsBackend createBackend();

    @BeforeEach
    void startBackend() {
        ns = "c-" + UUID.randomUUID() + "-";
        backend = createBackend();
        backend.start();
        events = EventProbe.unbounded();
        backend.events().subscribe(events);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void publishedMessageReachesSubscriber() throws Exception {
        backend.subscribe(List.of(ns + "a"));
        backend.publish(bytes("hello"), List.of(ns + "a"));
        assertThat(events.next()).isEqualTo(new ChannelEvent(ns + "a", bytes("hello")));
    }

    @Test
    void publishToSeveralChannelsReachesEachOnce() throws Exception {
        backend.subscribe(List.of(ns + "a", ns + "b", ns + "c"));
        backend.publish(bytes("x"), List.of(ns + "a", ns + "b", ns + "c"));
        assertThat(events.next(3)).extracting(ChannelEvent::channel)
                .containsExactlyInAnyOrder(ns + "a", ns + "b", ns + "c");
        events.expectNothingFor(QUIET);
    }

    @Test
    void channelsNotSubscribedAreNotDelivered() throws Exception {
        backend.subscribe(List.of(ns + "yes"));
        backend.publish(bytes("1"), List.of(ns + "no"));
        backend.publish(bytes("2"), List.of(ns + "yes"));
        assertThat(events.next()).isEqualTo(new ChannelEvent(ns + "yes", bytes("2")));
        events.expectNothingFor(QUIET);
    }

    @Test
    void messagePublishedBeforeSubscribingIsNotDelivered() throws Exception {
        backend.publish(bytes("early"), List.of(ns + "a"));
        backend.subscribe(List.of(ns + "a"));
        backend.publish(bytes("late"), List.of(ns + "a"));
        assertThat(events.next().text()).isEqualTo("late");
        events.expectNothingFor(QUIET);
    }

    @Test
    void unsubscribeStopsDelivery() throws Exception {
        backend.subscribe(List.of(ns + "a", ns + "b"));
        backend.publish(bytes("1"), List.of(ns + "a"));
        assertThat(events.next().text()).isEqualTo("1");
        backend.unsubscribe(List.of(ns + "a"));
        backend.publish(bytes("2"), List.of(ns + "a"));
        backend.publish(bytes("3"), List.of(ns + "b"));
        assertThat(events.next()).isEqualTo(new ChannelEvent(ns + "b", bytes("3")));
        events.expectNothingFor(QUIET);
    }

    @Test
    void subscribingTwiceDeliversOnce() throws Exception {
        backend.subscribe(List.of(ns + "a"));
        backend.subscribe(List.of(ns + "a", ns + "a"));
        backend.publish(bytes("once"), List.of(ns + "a"));
        assertThat(events.next().text()).isEqualTo("once");
        events.expectNothingFor(QUIET);
    }

    @Test
    void namesAreCaseSensitiveArbitraryStringsThatNeverShareAStream() throws Exception {
        List<String> names = List.of(ns + "room", ns + "Room", ns + "a:b", ns + "a", ns + "{tag}", ns + "*",
                ns + "[x]?", ns + "grüße 🎉", ns + "with space", ns + "", ns + "\\", ns + "a\nb");
        backend.subscribe(names);
        for (String name : names) {
            backend.publish(bytes("to " + name), List.of(name));
        }
        Map<String, String> got = events.next(names.size()).stream()
                .collect(Collectors.toMap(ChannelEvent::channel, ChannelEvent::text));
        assertThat(got).isEqualTo(names.stream().collect(Collectors.toMap(Function.identity(), n -> "to " + n)));
        events.expectNothingFor(QUIET);
    }

    @Test
    void publishOrderIsKeptPerChannel() throws Exception {
        backend.subscribe(List.of(ns + "a"));
        for (int i = 0; i < 200; i++) {
            backend.publish(bytes(Integer.toString(i)), List.of(ns + "a"));
        }
        List<String> got = new ArrayList<>();
        for (ChannelEvent event : events.next(200)) {
            got.add(event.text());
        }
        assertThat(got).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 200).mapToObj(Integer::toString).toList());
    }

    @Test
    void binaryDataArrivesUnchanged() throws Exception {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        backend.subscribe(List.of(ns + "bin"));
        backend.publish(data, List.of(ns + "bin"));
        assertThat(events.next().data()).isEqualTo(data);
    }

    @Test
    void eventsHonourBackpressure() throws Exception {
        EventProbe slow = new EventProbe(1);
        backend.events().subscribe(slow);
        backend.subscribe(List.of(ns + "a"));
        for (int i = 0; i < 3; i++) {
            backend.publish(bytes(Integer.toString(i)), List.of(ns + "a"));
        }
        assertThat(slow.next().text()).isEqualTo("0");
        assertThat(events.next(3)).extracting(ChannelEvent::text).containsExactly("0", "1", "2");
        slow.expectNothingFor(QUIET);
        slow.request(2);
        assertThat(slow.next(2)).extracting(ChannelEvent::text).containsExactly("1", "2");
    }

    @Test
    void closeCompletesEventSubscribers() throws Exception {
        backend.close();
        assertThat(events.awaitCompletion(Duration.ofSeconds(10))).isTrue();
        backend.close();
    }

    @Test
    void operationsNeedARunningBackend() {
        ChannelsBackend fresh = createBackend();
        try {
            assertThatThrownBy(() -> fresh.publish(bytes("x"), List.of(ns + "a")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        } finally {
            fresh.close();
        }
        backend.close();
        assertThatThrownBy(() -> backend.subscribe(List.of(ns + "a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> backend.start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> backend.subscribe(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channels");
        assertThatThrownBy(() -> backend.subscribe(Arrays.asList(ns + "a", null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("null in [" + ns + "a, null]");
        assertThatThrownBy(() -> backend.publish(null, List.of(ns + "a")))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> backend.publish(bytes("x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one channel");
        assertThatThrownBy(() -> backend.publish(bytes("x"), List.of("bad\uD800name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad\\uD800name");
    }
}
