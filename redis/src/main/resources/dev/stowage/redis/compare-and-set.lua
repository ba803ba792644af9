-- NamespacedStore.compute: the write half of an optimistic read-modify-write. Changes KEYS[1] only if
-- it still holds what was read: ARGV[1] is '1' when it was read holding the value ARGV[2], '0' when it
-- was read absent. ARGV[3] is 'set' or 'delete'; for 'set', ARGV[4] is the new value and ARGV[5] the
-- absolute expiry in Unix milliseconds (PXAT), or '' for none. Returns 1 when written, 0 on conflict.
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then
    return 0
  end
elseif current then
  return 0
end
if ARGV[3] == 'delete' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] == '' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[4], 'PXAT', ARGV[5])
end
return 1
