/**
 * What every Stowage module shares, and nothing more: {@link dev.stowage.common.Durations}, the one
 * duration syntax of configuration files and URIs, and {@link dev.stowage.common.UriMask}, the one
 * password mask of messages. No dependencies.
 */
package dev.stowage.common;
