/**
 * Real Redis servers for tests, never mocks: {@link dev.stowage.testing.RedisServers#standalone()}
 * for the shared server (or one started on a free loopback port),
 * {@link dev.stowage.testing.RedisProcess} for a private server a test may kill or suspend, and
 * {@link dev.stowage.testing.RedisCluster} for a 3-master cluster. Everything binds 127.0.0.1 only.
 */
package dev.stowage.testing;
