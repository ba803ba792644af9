-- Store.get(key, renewFor), after Litestar's RedisStore.get: returns the value of KEYS[1] and, when the
-- key was set with an expiry, resets it to the absolute time ARGV[1] (Unix milliseconds, PEXPIREAT);
-- a key set without expiry is never given one. One atomic step.
local value = redis.call('GET', KEYS[1])
if value and redis.call('PTTL', KEYS[1]) >= 0 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[1])
end
return value
