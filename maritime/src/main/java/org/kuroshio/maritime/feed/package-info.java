/**
 * AIS inputs: recordings (plain or gzip), TCP client and server, UDP, and a paced replay of
 * recordings, each delivering raw NMEA lines to one consumer.
 *
 * <p>{@link org.kuroshio.maritime.feed.AisInput#open(String)} reads a spec (see
 * {@link org.kuroshio.maritime.feed.FeedSpec}); network readers hand lines to the consumer
 * through a bounded queue of batches, so a slow consumer slows TCP senders (flow control) and
 * makes UDP datagrams drop, counted in {@link org.kuroshio.maritime.feed.InputStats}.
 * {@link org.kuroshio.maritime.feed.AisReplay} paces a recording by its recorded times;
 * {@link org.kuroshio.maritime.feed.ReplayServer} serves the paced lines to TCP clients.
 */
@NullMarked
package org.kuroshio.maritime.feed;

import org.jspecify.annotations.NullMarked;
