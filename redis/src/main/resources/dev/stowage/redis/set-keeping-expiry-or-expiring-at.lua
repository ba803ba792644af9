-- DirectStore.setKeepingExpiry(key, value, expiresAtIfNew) with an expiry for a new entry: sets KEYS[1]
-- to ARGV[1]; an existing key keeps the expiry it has (SET ... KEEPTTL), a new one expires at the
-- absolute time ARGV[2] (Unix milliseconds, SET ... PXAT, passed as text so no precision is lost).
-- One atomic step: no other client can create or delete the key between the check and the write.
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
end
return 1
