/**
 * Building blocks for {@link dev.stowage.channels.ChannelsBackend} implementations: life cycle and
 * argument checks ({@link dev.stowage.channels.support.AbstractChannelsBackend}), channel-name
 * checks, and the backpressured event publisher ({@link dev.stowage.channels.support.EventHub}).
 */
package dev.stowage.channels.support;
