-- Publishes one message to several streams atomically, capping each at the history length and
-- renewing its time to live. Used by RedisStreamChannelsBackend.publish.
-- KEYS: the stream keys, one per channel, all in one hash slot ({prefix}:channel).
-- ARGV[1]: the message; ARGV[2]: MAXLEN (history); ARGV[3]: "~" (approximate) or "=" (exact);
-- ARGV[4]: time to live in milliseconds, "0" for none.
-- Returns the number of streams written.
local ttl = tonumber(ARGV[4])
for _, key in ipairs(KEYS) do
  redis.call('XADD', key, 'MAXLEN', ARGV[3], ARGV[2], '*', 'data', ARGV[1])
  if ttl > 0 then
    redis.call('PEXPIRE', key, ttl)
  end
end
return #KEYS
