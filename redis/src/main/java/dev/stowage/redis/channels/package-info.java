/**
 * The Redis channels backends, on Redisson (an optional dependency): {@code redis-pubsub://}
 * ({@link dev.stowage.redis.channels.RedisPubSubChannelsBackend}, no history) and
 * {@code redis-stream://} ({@link dev.stowage.redis.channels.RedisStreamChannelsBackend}, history in
 * streams). URI parameters: {@link dev.stowage.redis.channels.RedisBackendSettings}. Lua scripts are
 * resources of this package, loaded once and called by SHA.
 */
package dev.stowage.redis.channels;
