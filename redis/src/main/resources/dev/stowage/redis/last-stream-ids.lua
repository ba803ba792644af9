-- Reads the id of the newest entry of each stream, the position a new subscription reads after,
-- so that it receives what is published after it subscribed and nothing before.
-- Used by RedisStreamChannelsBackend.subscribe.
-- KEYS: the stream keys, all in one hash slot. ARGV: none.
-- Returns one id per key, in order: the newest entry's id, or "0-0" for a missing or empty stream.
local ids = {}
for i, key in ipairs(KEYS) do
  local newest = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if #newest > 0 then
    ids[i] = newest[1][1]
  else
    ids[i] = '0-0'
  end
end
return ids
