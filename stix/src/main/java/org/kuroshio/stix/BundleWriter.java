package org.kuroshio.stix;

import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a STIX bundle object by object without holding it in memory. The {@code objects}
 * property is omitted when nothing was written, as a bundle's {@code objects} must not be empty.
 * Closing the writer finishes the JSON and closes the stream.
 */
public final class BundleWriter implements AutoCloseable {
  private final JsonGenerator generator;
  private boolean arrayOpen;
  private boolean closed;
  private long count;

  private BundleWriter(OutputStream out, String bundleId) {
    try {
      generator = StixJson.mapper().createGenerator(out);
      generator.writeStartObject();
      generator.writeStringProperty("type", "bundle");
      generator.writeStringProperty("id", bundleId);
    } catch (JacksonException e) {
      throw new StixException("cannot start writing the bundle: " + e.getOriginalMessage(), e);
    }
  }

  /** Starts a bundle with the given id ({@code bundle--<uuid>}) on {@code out}. */
  public static BundleWriter open(OutputStream out, String bundleId) {
    if (out == null) {
      throw new IllegalArgumentException("output stream is required");
    }
    if (bundleId == null || !Identifiers.isValid(bundleId, "bundle")) {
      throw new IllegalArgumentException("not a bundle id: " + bundleId);
    }
    return new BundleWriter(out, bundleId);
  }

  /** Appends one object. */
  public void write(StixObject object) {
    if (closed) {
      throw new IllegalStateException("the bundle writer is closed");
    }
    try {
      if (!arrayOpen) {
        generator.writeName("objects");
        generator.writeStartArray();
        arrayOpen = true;
      }
      generator.writeRawValue(object.toJson());
      count++;
    } catch (JacksonException e) {
      throw new StixException("cannot write to the bundle: " + e.getOriginalMessage(), e);
    }
  }

  /** Returns how many objects have been written. */
  public long count() {
    return count;
  }

  /** Flushes what has been written so far to the stream. */
  public void flush() {
    generator.flush();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (arrayOpen) {
        generator.writeEndArray();
      }
      generator.writeEndObject();
      generator.close();
    } catch (JacksonException e) {
      throw new StixException("cannot finish the bundle: " + e.getOriginalMessage(), e);
    }
  }
}
