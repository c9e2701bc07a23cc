package org.kuroshio.stix;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a STIX bundle ({@code {"type":"bundle","id":...,"objects":[...]}}) or a TAXII envelope
 * ({@code {"objects":[...],"more":...}}) one object at a time, in bounded memory.
 *
 * <p>Only the object being returned is held as a tree; the rest of the input is streamed with
 * Jackson's token parser. {@link ParseLimits} bound nesting, strings and names as usual;
 * {@code maxObjectBytes} bounds each element of {@code objects} (not the whole input) and
 * {@code maxObjectsPerBundle} bounds how many there are. Malformed JSON, a wrong shape or a broken
 * limit throw {@link ParseException} with line and column, and the reader is then unusable. An
 * element that is a JSON object but lacks a string {@code type} or {@code id} makes {@link #next()}
 * throw {@link InvalidPropertyException}; the reader stays usable and continues with the next
 * element, so ingest can refuse that one object alone. {@link #nextNode()} returns raw trees.
 *
 * <p>Top-level properties other than {@code objects} are kept in {@link #header()}; those after
 * {@code objects} in the input are only known once the last object has been read.
 */
public final class BundleReader implements Iterator<StixObject>, AutoCloseable {
  private final JsonParser parser;
  private final JsonMapper mapper;
  private final LimitedInputStream input;
  private final ParseLimits limits;
  private final ObjectNode header = JsonNodeFactory.instance.objectNode();
  private @Nullable ObjectNode pending;
  private boolean inArray;
  private boolean sawObjects;
  private boolean finished;
  private long index = -1;

  private BundleReader(InputStream in, ParseLimits limits) {
    this.limits = limits;
    this.input = new LimitedInputStream(in);
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth() + 2)
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxNameLength())
            .maxDocumentLength(-1)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    this.mapper =
        JsonMapper.builder(factory)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    try {
      this.parser = mapper.createParser(input);
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw failure("a bundle or envelope must be a JSON object");
      }
    } catch (JacksonException e) {
      throw StixJson.parseFailure(e);
    }
  }

  /** Opens a reader over a bundle or envelope; the reader closes {@code in} when closed. */
  public static BundleReader open(InputStream in, ParseLimits limits) {
    if (in == null || limits == null) {
      throw new IllegalArgumentException("input and limits are required");
    }
    return new BundleReader(in, limits);
  }

  /** Opens a reader under {@link ParseLimits#DEFAULT}. */
  public static BundleReader open(InputStream in) {
    return open(in, ParseLimits.DEFAULT);
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !finished) {
      pending = advance();
    }
    return pending != null;
  }

  /**
   * Returns the next element of {@code objects} as a STIX object.
   *
   * @throws InvalidPropertyException when the element lacks a string type or id (the reader goes on)
   * @throws ParseException when the input is malformed or breaks a limit
   */
  @Override
  public StixObject next() {
    return StixObject.of(nextNode());
  }

  /** Returns the next element of {@code objects} as a raw JSON object. */
  public ObjectNode nextNode() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more objects in the bundle");
    }
    ObjectNode node = pending;
    pending = null;
    return node;
  }

  /** Returns the 0-based index of the element last returned, or -1 before the first. */
  public long index() {
    return index;
  }

  /** Returns the bundle's {@code id}, once it has been read. */
  public Optional<String> bundleId() {
    JsonNode id = header.get("id");
    return id != null && id.isString() ? Optional.of(id.asString()) : Optional.empty();
  }

  /** Returns the top-level properties other than {@code objects} read so far (do not mutate). */
  public ObjectNode header() {
    return header;
  }

  private @Nullable ObjectNode advance() {
    try {
      while (true) {
        if (inArray) {
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_ARRAY) {
            inArray = false;
            continue;
          }
          index++;
          if (index >= limits.maxObjectsPerBundle()) {
            throw failure("the bundle holds more than " + limits.maxObjectsPerBundle()
                + " objects");
          }
          if (t != JsonToken.START_OBJECT) {
            throw failure("objects[" + index + "] is not a JSON object but " + describe(t));
          }
          return readElement();
        }
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_OBJECT) {
          JsonToken after = parser.nextToken();
          if (after != null) {
            throw failure("unexpected content after the end of the bundle");
          }
          finished = true;
          return null;
        }
        if (t != JsonToken.PROPERTY_NAME) {
          throw failure("malformed bundle");
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("objects")) {
          if (sawObjects) {
            throw failure("the bundle has two \"objects\" properties");
          }
          sawObjects = true;
          if (value != JsonToken.START_ARRAY) {
            throw failure("\"objects\" must be a JSON array but is " + describe(value));
          }
          inArray = true;
          continue;
        }
        input.allow(limits.maxObjectBytes());
        JsonNode v = mapper.readTree(parser);
        header.set(name, v);
        if (name.equals("type") && !(v.isString() && v.asString().equals("bundle"))) {
          throw failure("\"type\" of a bundle must be \"bundle\" but is " + v);
        }
      }
    } catch (JacksonException e) {
      finished = true;
      throw StixJson.parseFailure(e);
    } catch (ParseException e) {
      finished = true;
      throw e;
    }
  }

  private ObjectNode readElement() {
    long start = parser.currentTokenLocation().getByteOffset();
    input.allow(limits.maxObjectBytes());
    JsonNode node = mapper.readTree(parser);
    long end = parser.currentLocation().getByteOffset();
    if (start >= 0 && end >= 0 && end - start > limits.maxObjectBytes()) {
      throw failure("objects[" + index + "] is larger than " + limits.maxObjectBytes() + " bytes");
    }
    return (ObjectNode) node;
  }

  private static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "the end of input";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private ParseException failure(String message) {
    TokenStreamLocation loc = parser == null ? null : parser.currentTokenLocation();
    long line = loc == null ? 0 : loc.getLineNr();
    long col = loc == null ? 0 : loc.getColumnNr();
    return new ParseException(message, line, col);
  }

  @Override
  public void close() {
    finished = true;
    pending = null;
    try {
      parser.close();
    } catch (JacksonException e) {
      // closing a half-read stream can fail; nothing is lost
    }
    try {
      input.close();
    } catch (IOException e) {
      // nothing more to read from it
    }
  }

  /**
   * Counts bytes handed to the parser and refuses to hand over more than the current budget, so
   * one huge element cannot be buffered whole before its size is known. The budget is re-armed
   * before each element with slack for the parser's read-ahead.
   */
  static final class LimitedInputStream extends InputStream {
    private static final long SLACK = 64 * 1024;
    private final InputStream in;
    private long consumed;
    private long budgetEnd = Long.MAX_VALUE;
    private long budget;

    LimitedInputStream(InputStream in) {
      this.in = in;
    }

    void allow(long bytes) {
      budget = bytes;
      long end = consumed + bytes + SLACK;
      budgetEnd = end < 0 ? Long.MAX_VALUE : end;
    }

    private void check(long next) {
      if (next > budgetEnd) {
        throw new ParseException(
            "a JSON value in the bundle is larger than " + budget + " bytes", 0, 0);
      }
    }

    @Override
    public int read() throws IOException {
      check(consumed + 1);
      int b = in.read();
      if (b >= 0) {
        consumed++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long room = budgetEnd - consumed;
      if (room <= 0) {
        check(consumed + 1);
      }
      int n = in.read(b, off, (int) Math.min(len, room));
      if (n > 0) {
        consumed += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
