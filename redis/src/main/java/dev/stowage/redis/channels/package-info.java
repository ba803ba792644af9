/**
 * The Redis channels backends, on Redisson: {@code redis-pubsub://}
 * ({@link dev.stowage.redis.channels.RedisPubSubChannelsBackend}, no history) and
 * {@code redis-stream://} ({@link dev.stowage.redis.channels.RedisStreamChannelsBackend}, history in
 * streams), with their {@code rediss-}, {@code valkey-} and {@code valkeys-} forms. URI parameters:
 * {@link dev.stowage.redis.channels.RedisBackendSettings}, on the one grammar of
 * {@link dev.stowage.redis.RedisUri}. The client, Lua scripts and key scan are the shared ones of
 * {@code dev.stowage.redis}.
 */
package dev.stowage.redis.channels;
