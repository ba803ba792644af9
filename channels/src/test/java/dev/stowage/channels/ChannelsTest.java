package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<String> texts(Subscriber subscriber, int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChannelEvent event = subscriber.poll(WAIT);
            assertThat(event).as("event %d", i).isNotNull();
            got.add(event.text());
        }
        return got;
    }

    @Test
    void publishesStringsBytesAndJson() throws Exception {
        try (Channels channels = Channels.builder("memory:").channels("news").build();
             Subscriber subscriber = channels.subscribe("news")) {
            channels.publish("text", "news");
            channels.publish(new byte[] {'b', 'y'}, "news");
            channels.publish(Map.of("score", 3), "news").get(10, TimeUnit.SECONDS);
            assertThat(texts(subscriber, 3)).containsExactly("text", "by", "{\"score\":3}");
        }
    }

    @Test
    void undeclaredChannelsAreRejectedByName() {
        try (Channels channels = Channels.builder("memory:").channels("news").build()) {
            assertThatThrownBy(() -> channels.publish("x", "sport"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sport'");
            assertThatThrownBy(() -> channels.subscribe("news", "Sport"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Sport'");
        }
        assertThatThrownBy(() -> Channels.builder("memory:").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyLargerThanTheBacklogKeepsTheNewestWithDropOldest() throws Exception {
        try (Channels channels = Channels.builder("memory:?history=50").arbitraryChannelsAllowed(true)
                .backlog(10, BacklogStrategy.DROP_OLDEST).build()) {
            for (int i = 0; i < 50; i++) {
                channels.publish(Integer.toString(i), "a");
            }
            channels.publish("49", "flush").get(10, TimeUnit.SECONDS);
            try (Subscriber subscriber = channels.subscribe(List.of("a"), 50)) {
                assertThat(texts(subscriber, 10)).containsExactlyElementsOf(
                        IntStream.range(40, 50).mapToObj(Integer::toString).toList());
                assertThat(subscriber.droppedEvents()).isEqualTo(40);
                channels.publish("live", "a");
                assertThat(texts(subscriber, 1)).containsExactly("live");
            }
        }
    }

    @Test
    void historyLargerThanTheBacklogKeepsTheOldestWithDropNewest() throws Exception {
        try (Channels channels = Channels.builder("memory:?history=50").arbitraryChannelsAllowed(true)
                .backlog(10, BacklogStrategy.DROP_NEWEST).build()) {
            for (int i = 0; i < 50; i++) {
                channels.publish(Integer.toString(i), "a");
            }
            channels.publish("x", "flush").get(10, TimeUnit.SECONDS);
            try (Subscriber subscriber = channels.subscribe(List.of("a"), 50)) {
                assertThat(texts(subscriber, 10)).containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(Integer::toString).toList());
            }
        }
    }

    @Test
    void aSlowSubscriberNeverHoldsUpAnother() throws Exception {
        try (Channels channels = Channels.builder("memory:").channels("a")
                .backlog(5, BacklogStrategy.DROP_OLDEST).build();
             Subscriber idle = channels.subscribe("a");
             Subscriber busy = channels.subscribe("a")) {
            for (int i = 0; i < 100; i++) {
                channels.publish(Integer.toString(i), "a");
                assertThat(texts(busy, 1)).containsExactly(Integer.toString(i));
            }
            assertThat(texts(idle, 5)).containsExactly("95", "96", "97", "98", "99");
        }
    }

    @Test
    void iteratorBlocksForEventsAndEndsAfterClose() throws Exception {
        try (Channels channels = Channels.builder("memory:").channels("a").build()) {
            Subscriber subscriber = channels.subscribe("a");
            List<String> got = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> consumed = CompletableFuture.runAsync(
                    () -> subscriber.forEach(e -> got.add(e.text())));
            channels.publish("1", "a");
            channels.publish("2", "a");
            awaitSize(got, 2);
            assertThat(consumed).isNotDone();
            subscriber.close();
            consumed.get(10, TimeUnit.SECONDS);
            assertThat(got).containsExactly("1", "2");
        }
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(list).hasSize(size);
    }

    @Test
    void callbackRunsOnABackgroundThread() throws Exception {
        try (Channels channels = Channels.builder("memory:").channels("a").build();
             Subscriber subscriber = channels.subscribe("a")) {
            List<String> got = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            subscriber.runInBackground(e -> {
                got.add(e.text());
                threads.add(Thread.currentThread().getName());
                if (e.text().equals("boom")) {
                    throw new IllegalStateException("callback failure is logged, not fatal");
                }
            });
            channels.publish("boom", "a");
            channels.publish("after", "a");
            awaitSize(got, 2);
            assertThat(got).containsExactly("boom", "after");
            assertThat(threads).allMatch(t -> !t.equals(Thread.currentThread().getName()));
            assertThatThrownBy(() -> subscriber.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("callback");
        }
    }

    @Test
    void publisherModeHonoursDemandAndCompletesOnClose() throws Exception {
        try (Channels channels = Channels.builder("memory:").channels("a").build()) {
            Subscriber subscriber = channels.subscribe("a");
            EventProbe probe = new EventProbe(2);
            subscriber.asPublisher().subscribe(probe);
            for (int i = 0; i < 3; i++) {
                channels.publish(Integer.toString(i), "a");
            }
            assertThat(probe.next(2)).extracting(ChannelEvent::text).containsExactly("0", "1");
            probe.expectNothingFor(Duration.ofMillis(300));
            probe.request(5);
            assertThat(probe.next().text()).isEqualTo("2");
            subscriber.close();
            assertThat(probe.awaitCompletion(WAIT)).isTrue();
            EventProbe second = EventProbe.unbounded();
            assertThatThrownBy(subscriber::iterator).isInstanceOf(IllegalStateException.class);
            subscriber.asPublisher().subscribe(second);
        }
    }

    @Test
    void closeLosesNothingAlreadyAccepted() {
        AtomicInteger published = new AtomicInteger();
        ChannelsBackend counting = new CountingBackend(ChannelsBackends.open("memory:"), published);
        Channels channels = Channels.builder(counting).channels("a").build();
        for (int i = 0; i < 2000; i++) {
            channels.publish(Integer.toString(i), "a");
        }
        channels.close();
        assertThat(published).hasValue(2000);
        assertThatThrownBy(() -> channels.publish("late", "a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void arbitraryChannelsAreSubscribedWhileWanted() throws Exception {
        try (Channels channels = Channels.builder("memory:").arbitraryChannelsAllowed(true).build()) {
            Subscriber first = channels.subscribe("any");
            Subscriber second = channels.subscribe("any");
            first.close();
            channels.publish("still", "any");
            assertThat(texts(second, 1)).containsExactly("still");
            second.close();
            assertThat(second.poll(Duration.ZERO)).isNull();
        }
    }

    /** Counts what reaches the backend's publish, to check that close() loses nothing. */
    private static final class CountingBackend implements ChannelsBackend {
        private final ChannelsBackend delegate;
        private final AtomicInteger published;

        CountingBackend(ChannelsBackend delegate, AtomicInteger published) {
            this.delegate = delegate;
            this.published = published;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void subscribe(Collection<String> channels) {
            delegate.subscribe(channels);
        }

        @Override
        public void unsubscribe(Collection<String> channels) {
            delegate.unsubscribe(channels);
        }

        @Override
        public void publish(byte[] data, Collection<String> channels) {
            delegate.publish(data, channels);
            published.incrementAndGet();
        }

        @Override
        public Flow.Publisher<ChannelEvent> events() {
            return delegate.events();
        }

        @Override
        public List<byte[]> history(String channel, int limit) {
            return delegate.history(channel, limit);
        }
    }
}
