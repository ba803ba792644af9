package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test {@link Flow.Subscriber} that records events and lets the test await them. */
public final class EventProbe implements Flow.Subscriber<ChannelEvent> {

    private final long initialDemand;
    private final BlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
    private final CountDownLatch completed = new CountDownLatch(1);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Flow.Subscription subscription;

    public EventProbe(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    public static EventProbe unbounded() {
        return new EventProbe(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        subscribed.countDown();
        if (initialDemand > 0) {
            s.request(initialDemand);
        }
    }

    @Override
    public void onNext(ChannelEvent item) {
        events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        completed.countDown();
    }

    @Override
    public void onComplete() {
        completed.countDown();
    }

    public void request(long n) throws InterruptedException {
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        subscription.request(n);
    }

    public ChannelEvent next() throws InterruptedException {
        ChannelEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    public List<ChannelEvent> next(int count) throws InterruptedException {
        List<ChannelEvent> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(next());
        }
        return got;
    }

    /** Asserts that nothing more arrives within the quiet period (a negative check needs a bound). */
    public void expectNothingFor(Duration quiet) throws InterruptedException {
        ChannelEvent event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("no further event").isNull();
    }

    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
