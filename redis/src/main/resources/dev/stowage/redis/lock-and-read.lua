-- NamespacedStore.computeExclusive, first half: takes the key's lock and reads the key, in one step.
-- KEYS[1] is the key, KEYS[2] its lock; ARGV[1] is this step's token, ARGV[2] the lease in milliseconds.
-- The lock is the string KEYS[2] holding the token, set with NX and PX (it ends by itself when the lease
-- runs out). Returns {1, value or nil, PEXPIRETIME of the key} when the lock was taken, and
-- {0, PTTL of the lock} when another step holds it.
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[1]), redis.call('PEXPIRETIME', KEYS[1])}
end
return {0, redis.call('PTTL', KEYS[2])}
