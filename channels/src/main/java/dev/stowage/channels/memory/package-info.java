/**
 * The in-process {@code memory:} channels backend, with optional history per channel.
 */
package dev.stowage.channels.memory;
