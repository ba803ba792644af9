package dev.stowage.channels;

/**
 * What a {@link Subscriber}'s full backlog does with one more event (Litestar's
 * {@code backlog_strategy}). Neither ever blocks the delivery of other subscribers' events.
 */
public enum BacklogStrategy {

    /** Keep the waiting events, drop the incoming one (Litestar's {@code "backoff"}). */
    DROP_NEWEST,

    /** Drop the oldest waiting event to make room for the incoming one (Litestar's {@code "dropleft"}). */
    DROP_OLDEST
}
