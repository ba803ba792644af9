-- Store.set(key, value, expiresIn) with an expiry: sets KEYS[1] to ARGV[1], expiring at the absolute
-- time ARGV[2] (Unix milliseconds; SET ... PXAT, passed as text so no precision is lost).
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
return 1
