package dev.stowage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.client.RedisNoScriptException;

/**
 * A Lua script of the Redis backends, kept as a class-path resource of this package named after what
 * it does ({@code dev/stowage/redis/write-and-unlock.lua}, ...), and called through Redisson's script
 * service. The clients of {@link RedisClients} turn Redisson's script cache on, so a call is one
 * {@code EVALSHA}: Redisson sends the SHA-1 of the text, and on a {@code NOSCRIPT} reply (first use on
 * a server, a restart, a failover, {@code SCRIPT FLUSH}) loads the script with {@code SCRIPT LOAD}
 * and repeats the call. A pipeline is different: Redisson loads a script before the pipeline only
 * when no client of this JVM has loaded it on that server address before, and never notices a server
 * that lost it; {@link #pipelined} covers that. On a client without the script cache a call is one
 * {@code EVAL} of the text. Immutable and thread-safe.
 */
public final class LuaScript {

    private final String name;
    private final String text;

    private LuaScript(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /**
     * Reads a script resource of this package.
     *
     * @param name the file name, e.g. {@code "write-and-unlock.lua"}, not {@code null}
     * @return the script
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalStateException if the resource is missing (the message names its path)
     * @throws UncheckedIOException if it cannot be read
     */
    public static LuaScript resource(String name) {
        Objects.requireNonNull(name, "name");
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script resource missing: dev/stowage/redis/" + name);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script dev/stowage/redis/" + name, e);
        }
    }

    /**
     * Runs the script and waits for its reply.
     *
     * @param <R> the reply's type
     * @param script Redisson's script service, whose codec encodes {@code args} and decodes the reply;
     *     not {@code null}
     * @param returnType how to decode the reply, not {@code null}
     * @param keys the {@code KEYS}, all in one hash slot on a cluster (the first routes the call; none:
     *     any master); not {@code null}
     * @param args the {@code ARGV}
     * @return the reply
     * @throws org.redisson.client.RedisException if Redis reports an error or cannot be reached
     */
    public <R> R call(RScript script, RScript.ReturnType returnType, List<Object> keys, Object... args) {
        return script.eval(RScript.Mode.READ_WRITE, text, returnType, keys, args);
    }

    /**
     * Adds a run of the script to a pipeline ({@code RBatch}) or starts it asynchronously.
     *
     * @param <R> the reply's type
     * @param script the pipeline's or client's script service, not {@code null}
     * @param returnType how to decode the reply, not {@code null}
     * @param keys the {@code KEYS}, as for {@link #call}
     * @param args the {@code ARGV}
     * @return the reply to come
     */
    public <R> RFuture<R> callAsync(RScriptAsync script, RScript.ReturnType returnType, List<Object> keys,
            Object... args) {
        return script.evalAsync(RScript.Mode.READ_WRITE, text, returnType, keys, args);
    }

    /**
     * Runs a pipeline that calls this script ({@link #callAsync} on an {@code RBatch}'s script
     * service) and, when a server answers {@code NOSCRIPT} (it lost the script: a restart, a failover,
     * {@code SCRIPT FLUSH}), loads the script on every master ({@code SCRIPT LOAD}) and runs the
     * pipeline once more. The pipeline must build a new batch each time and be safe to repeat.
     *
     * @param <T> what the pipeline returns
     * @param loader the client's script service, not {@code null}
     * @param pipeline builds and executes the batch, not {@code null}
     * @return what the pipeline returned
     * @throws org.redisson.client.RedisException if Redis reports another error, or {@code NOSCRIPT}
     *     again, or cannot be reached
     */
    public <T> T pipelined(RScript loader, Supplier<T> pipeline) {
        try {
            return pipeline.get();
        } catch (RedisNoScriptException e) {
            loader.scriptLoad(text);
            return pipeline.get();
        }
    }

    /**
     * Loads the script on every master ({@code SCRIPT LOAD}) without waiting: what {@link #pipelined}
     * does before repeating a pipeline, for asynchronous pipelines.
     *
     * @param loader the client's script service, not {@code null}
     * @return the stage of the script's SHA-1
     */
    public RFuture<String> loadAsync(RScriptAsync loader) {
        return loader.scriptLoadAsync(text);
    }

    /**
     * Names the script.
     *
     * @return the resource's file name
     */
    @Override
    public String toString() {
        return name;
    }
}
