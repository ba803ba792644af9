/**
 * The Redis / Valkey store backend on Redisson, after Litestar's {@code RedisStore}:
 * {@link dev.stowage.redis.store.RedisStore}, opened by
 * {@link dev.stowage.redis.store.RedisStoreFactory} from {@code redis://}, {@code rediss://},
 * {@code valkey://} and {@code valkeys://} URIs ({@link dev.stowage.redis.store.RedisStoreUri}, on the
 * one grammar of {@link dev.stowage.redis.RedisUri}). The client, scripts and key scan are the shared
 * ones of {@code dev.stowage.redis}.
 */
package dev.stowage.redis.store;
