-- Publishes one message to several Redis Pub/Sub channels atomically (no other command runs
-- between the PUBLISHes). Used by RedisPubSubChannelsBackend.publish.
-- KEYS: none (Pub/Sub channels are not keys).
-- ARGV[1]: the message; ARGV[2..n]: the Redis channel names (prefix + ":" + channel).
-- Returns the number of channels published to.
for i = 2, #ARGV do
  redis.call('PUBLISH', ARGV[i], ARGV[1])
end
return #ARGV - 1
