-- The write of a read-modify-write step (NamespacedStore.compute and computeExclusive): writes the step's
-- result, publishes the step's change-feed messages and gives the key's lock back, in one step.
-- KEYS[1] is the key, KEYS[2] its lock. ARGV[1] is the step's token ('' for a compute, which holds no
-- lock and so writes only while no other step holds it); ARGV[2] is '1' when the key was read
-- holding the value ARGV[3], '0' when it was read absent; ARGV[4] is 'set', 'delete' or 'keep' (the step
-- changed nothing); for 'set', ARGV[5] is the new value and ARGV[6] the absolute expiry in Unix
-- milliseconds (PXAT), or '' for none; ARGV[7] is the Pub/Sub channel of the messages ARGV[8..], if any;
-- then KEYS[3] is the change feed's sequence counter and KEYS[4] its history: each message gets the
-- counter's next value N (INCR), is kept in the history stream under the ID N-0 (capped at about 10,000
-- entries) and is published as 'N:' followed by the message, so that a listener can tell a missing
-- number and read the message from the history. Counter and history expire after an hour without
-- messages; a history write that fails (an ID below the stream's last, after a reset) never fails the step.
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
  redis.call('PEXPIRE', KEYS[3], 3600000)
  redis.pcall('XADD', KEYS[4], 'MAXLEN', '~', '10000', sequence .. '-0', 'm', ARGV[i])
  redis.call('PEXPIRE', KEYS[4], 3600000)
  redis.call('PUBLISH', ARGV[7], sequence .. ':' .. ARGV[i])
end
if mine then
  redis.call('DEL', KEYS[2])
end
return 1
