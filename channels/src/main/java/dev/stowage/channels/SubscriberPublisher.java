package dev.stowage.channels;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adapts a {@link Subscriber}'s backlog to {@link Flow.Publisher}: one Flow subscriber, events sent
 * on one background thread only while requested (Reactive Streams rules: {@code request(n <= 0)}
 * signals {@code onError(IllegalArgumentException)}; {@code cancel} stops delivery and closes the
 * subscriber). Thread-safe.
 */
final class SubscriberPublisher implements Flow.Publisher<ChannelEvent> {

    private final Subscriber source;
    private final Executor executor;
    private final AtomicBoolean used = new AtomicBoolean();

    SubscriberPublisher(Subscriber source, Executor executor) {
        this.source = source;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChannelEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!used.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException(source + " accepts one Flow.Subscriber only"));
            return;
        }
        Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
        executor.execute(delivery::run);
    }

    private final class Delivery implements Flow.Subscription {

        private final Flow.Subscriber<? super ChannelEvent> target;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition demanded = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private IllegalArgumentException badRequest;

        Delivery(Flow.Subscriber<? super ChannelEvent> target) {
            this.target = target;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    badRequest = new IllegalArgumentException("request(" + n + "): n must be > 0 (rule 3.9)");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                demanded.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                demanded.signalAll();
            } finally {
                lock.unlock();
            }
            source.close();
        }

        private boolean awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    if (source.backlog().isDrained()) {
                        cancelled = true;
                        target.onComplete();
                        return false;
                    }
                    demanded.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                if (badRequest != null && !cancelled) {
                    cancelled = true;
                    target.onError(badRequest);
                    return false;
                }
                if (cancelled) {
                    return false;
                }
                demand--;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            try {
                while (awaitDemand()) {
                    ChannelEvent event = source.backlog().take(null);
                    if (event == null) {
                        target.onComplete();
                        return;
                    }
                    target.onNext(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                source.close();
                target.onError(e);
            }
        }
    }
}
