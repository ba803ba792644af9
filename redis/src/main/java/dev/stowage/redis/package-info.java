/**
 * What the Redis and Valkey backends share: the one URI grammar ({@link dev.stowage.redis.RedisUri}),
 * the one client factory with one Redisson client per JVM and connection
 * ({@link dev.stowage.redis.RedisClients}, {@link dev.stowage.redis.RedisConnection},
 * {@link dev.stowage.redis.SharedRedisClient}), the Lua scripts ({@link dev.stowage.redis.LuaScript},
 * resources of this package) and the key scan ({@link dev.stowage.redis.RedisKeyScan}). The store is
 * in {@code dev.stowage.redis.store}, the channels backends in {@code dev.stowage.redis.channels}.
 */
package dev.stowage.redis;
