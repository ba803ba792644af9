package dev.stowage.redis.store;

import java.util.Map;
import java.util.TreeMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Counts the Redis commands an operation costs on a standalone server, from {@code INFO commandstats}
 * before and after (commands run inside a script count too; {@code INFO} and {@code PING} are left
 * out). Use a server of the test's own, so that nothing else adds to the counts.
 */
final class CommandStats {

    private final RedissonClient observer;

    /**
     * Observes a server.
     *
     * @param observer a client of the server
     */
    CommandStats(RedissonClient observer) {
        this.observer = observer;
    }

    /**
     * Runs an operation and counts what it sent.
     *
     * @param operation the operation
     * @return calls per command name (e.g. {@code evalsha}, {@code script|load}), only those it added
     */
    Map<String, Long> of(Runnable operation) {
        Map<String, Long> before = calls();
        operation.run();
        Map<String, Long> after = calls();
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((command, calls) -> {
            long added = calls - before.getOrDefault(command, 0L);
            if (added > 0) {
                delta.put(command, added);
            }
        });
        return delta;
    }

    private Map<String, Long> calls() {
        Map<String, String> stats = observer.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.COMMANDSTATS);
        Map<String, Long> calls = new TreeMap<>();
        stats.forEach((name, value) -> {
            String command = name.replace("cmdstat_", "");
            if (!command.equals("info") && !command.equals("ping")) {
                String count = value.substring("calls=".length(), value.indexOf(','));
                calls.put(command, Long.parseLong(count));
            }
        });
        return calls;
    }
}
