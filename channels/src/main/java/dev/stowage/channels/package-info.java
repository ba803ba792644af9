/**
 * Pub/sub channels after Litestar's channels: the {@link dev.stowage.channels.ChannelsBackend} SPI,
 * found by URI scheme through {@link dev.stowage.channels.ChannelsBackendFactory}
 * ({@link dev.stowage.channels.ChannelsBackends#open(String)}), and the
 * {@link dev.stowage.channels.Channels} facade (Litestar's {@code ChannelsPlugin}).
 */
package dev.stowage.channels;
