-- NamespacedStore.computeExclusive, second half: writes the step's result, publishes the step's
-- change-feed messages and gives the key's lock back, in one step.
-- KEYS[1] is the key, KEYS[2] its lock. ARGV[1] is the step's token; ARGV[2] is '1' when the key was read
-- holding the value ARGV[3], '0' when it was read absent; ARGV[4] is 'set', 'delete' or 'keep' (the step
-- changed nothing); for 'set', ARGV[5] is the new value and ARGV[6] the absolute expiry in Unix
-- milliseconds (PXAT), or '' for none; ARGV[7] is the Pub/Sub channel of the messages ARGV[8..], if any,
-- and KEYS[3] then the change feed's sequence counter: each message is published as 'N:' followed by the
-- message, N the counter's next value (INCR; the counter expires after a day without messages), so that
-- listeners can tell a lost or reordered message.
-- Fenced: a write is made only if no other step holds the lock (its lease ran out and another step took
-- it) and the key still holds what was read. Returns 1 when written (or kept), 0 when fenced off; then
-- nothing is written or published.
local holder = redis.call('GET', KEYS[2])
local mine = holder == ARGV[1]
if holder and not mine then
  return 0
end
if ARGV[4] ~= 'keep' then
  local current = redis.call('GET', KEYS[1])
  local unchanged
  if ARGV[2] == '1' then
    unchanged = current == ARGV[3]
  else
    unchanged = not current
  end
  if not unchanged then
    if mine then
      redis.call('DEL', KEYS[2])
    end
    return 0
  end
  if ARGV[4] == 'delete' then
    redis.call('DEL', KEYS[1])
  elseif ARGV[6] == '' then
    redis.call('SET', KEYS[1], ARGV[5])
  else
    redis.call('SET', KEYS[1], ARGV[5], 'PXAT', ARGV[6])
  end
end
for i = 8, #ARGV do
  local sequence = redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[3], 86400000)
  redis.call('PUBLISH', ARGV[7], sequence .. ':' .. ARGV[i])
end
if mine then
  redis.call('DEL', KEYS[2])
end
return 1
