/**
 * The Redis channels backends, on Redisson (an optional dependency): {@code redis-pubsub://}
 * ({@link dev.stowage.channels.redis.RedisPubSubChannelsBackend}, no history) and
 * {@code redis-stream://} ({@link dev.stowage.channels.redis.RedisStreamChannelsBackend}, history in
 * streams). URI parameters: {@link dev.stowage.channels.redis.RedisBackendSettings}. Lua scripts are
 * resources of this package, loaded once and called by SHA.
 */
package dev.stowage.channels.redis;
