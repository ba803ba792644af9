package dev.stowage.jcache.expiry;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Maps a JCache {@link ExpiryPolicy} (JSR-107 section 6 "Expiry Policies") onto the absolute
 * expiries the stores keep: creation gives the entry's first time to live, access and update may
 * renew it ({@code renewFor}) or leave it as it is. A policy method that returns {@code null} or
 * throws leaves the expiry unchanged (for creation: eternal), as the specification's
 * {@code ExpiryPolicy} Javadoc says. Thread-safe when the policy is.
 */
public final class ExpiryCalculator {

    /**
     * Returned by {@link #onAccess(Instant)} and {@link #onUpdate(Instant)} when the entry keeps the
     * expiry it has. Compare by identity.
     */
    public static final Instant UNCHANGED = Instant.MIN.plusNanos(1);

    /** The policies of {@code javax.cache.expiry}: immutable, with no side effects when asked. */
    private static final Set<Class<?>> STANDARD = Set.of(EternalExpiryPolicy.class, CreatedExpiryPolicy.class,
            AccessedExpiryPolicy.class, ModifiedExpiryPolicy.class, TouchedExpiryPolicy.class);

    private final ExpiryPolicy policy;
    private final boolean pure;
    private final boolean eternalKeepOnUpdate;
    /** The access duration of a {@link #pure()} policy, asked once. */
    private final Duration pureAccess;

    /**
     * Wraps a policy.
     *
     * @param policy the cache's policy, not {@code null}
     */
    public ExpiryCalculator(ExpiryPolicy policy) {
        this.policy = policy;
        this.pure = STANDARD.contains(policy.getClass());
        Duration creation = pure ? policy.getExpiryForCreation() : null;
        this.eternalKeepOnUpdate = pure && creation != null && creation.isEternal() && policy.getExpiryForUpdate() == null;
        this.pureAccess = pure ? policy.getExpiryForAccess() : null;
    }

    /**
     * Tells whether the policy is one of {@code javax.cache.expiry}'s own, whose answers never change
     * and may be asked before it is known whether an entry exists; the cache's one-command paths rely
     * on that. A policy of the application's is asked exactly as JSR-107 section 6 says.
     *
     * @return {@code true} for {@code Eternal}, {@code Created}, {@code Accessed}, {@code Modified}
     *     and {@code Touched} expiry policies
     */
    public boolean pure() {
        return pure;
    }

    /**
     * Tells whether a put may be a plain write that keeps an existing entry's expiry and gives a new
     * one none: the policy is {@link #pure()}, creation is eternal and update leaves the expiry as it
     * is (the {@code EternalExpiryPolicy}, JCache's default).
     *
     * @return {@code true} when puts need not read the entry first
     */
    public boolean eternalKeepOnUpdate() {
        return eternalKeepOnUpdate;
    }

    /**
     * Returns the policy this calculator asks.
     *
     * @return the policy
     */
    public ExpiryPolicy policy() {
        return policy;
    }

    /**
     * Asks {@link ExpiryPolicy#getExpiryForCreation()}.
     *
     * @param now the current instant, not {@code null}
     * @return the absolute expiry, {@code null} for eternal; an instant not after {@code now}
     *     means the entry must not be stored
     */
    public Instant onCreate(Instant now) {
        Duration duration = ask(policy::getExpiryForCreation);
        return duration == null ? null : toInstant(now, duration);
    }

    /**
     * Asks {@link ExpiryPolicy#getExpiryForAccess()}.
     *
     * @param now the current instant, not {@code null}
     * @return the new absolute expiry ({@code null} for eternal), or {@link #UNCHANGED}
     */
    public Instant onAccess(Instant now) {
        Duration duration = ask(policy::getExpiryForAccess);
        return duration == null ? UNCHANGED : toInstant(now, duration);
    }

    /**
     * Asks {@link ExpiryPolicy#getExpiryForAccess()} without reading the clock, for the hot read
     * path: most policies leave the expiry of a read entry unchanged.
     *
     * @return the duration, or {@code null} when the expiry stays as it is
     */
    public Duration accessDuration() {
        return pure ? pureAccess : ask(policy::getExpiryForAccess);
    }

    /**
     * Asks {@link ExpiryPolicy#getExpiryForUpdate()}.
     *
     * @param now the current instant, not {@code null}
     * @return the new absolute expiry ({@code null} for eternal), or {@link #UNCHANGED}
     */
    public Instant onUpdate(Instant now) {
        Duration duration = ask(policy::getExpiryForUpdate);
        return duration == null ? UNCHANGED : toInstant(now, duration);
    }

    /**
     * Resolves a result of {@link #onAccess} or {@link #onUpdate} against the current expiry.
     *
     * @param computed the result, possibly {@link #UNCHANGED}
     * @param current the entry's expiry now, {@code null} for none
     * @return the expiry the entry must have
     */
    public static Instant resolve(Instant computed, Instant current) {
        return computed == UNCHANGED ? current : computed;
    }

    /**
     * Tells whether an expiry means "already expired" at {@code now}.
     *
     * @param expiresAt the expiry, {@code null} for none
     * @param now the current instant
     * @return {@code true} when the entry must not be kept
     */
    public static boolean isExpired(Instant expiresAt, Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    private static Duration ask(Supplier<Duration> question) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Converts a JCache duration into an absolute expiry.
     *
     * @param now the current instant, not {@code null}
     * @param duration the duration, not {@code null}
     * @return {@code null} for eternal, {@code now} for zero, else {@code now} plus the duration
     *     (saturating)
     */
    public static Instant toInstant(Instant now, Duration duration) {
        if (duration.isEternal()) {
            return null;
        }
        if (duration.isZero()) {
            return now;
        }
        long nanos;
        try {
            nanos = duration.getTimeUnit().toNanos(duration.getDurationAmount());
        } catch (ArithmeticException e) {
            return null;
        }
        return dev.stowage.store.StorageObject.plus(now, java.time.Duration.ofNanos(nanos));
    }
}
