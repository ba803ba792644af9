/**
 * The Redis / Valkey store backend on Redisson, after Litestar's {@code RedisStore}:
 * {@link dev.stowage.redis.store.RedisStore}, opened by
 * {@link dev.stowage.redis.store.RedisStoreFactory} from {@code redis://}, {@code rediss://},
 * {@code valkey://} and {@code valkeys://} URIs ({@link dev.stowage.redis.store.RedisStoreUri}).
 * Redisson is an optional dependency of the provider; the Lua scripts are resources of this package.
 */
package dev.stowage.redis.store;
