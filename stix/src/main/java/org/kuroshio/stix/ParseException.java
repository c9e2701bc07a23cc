package org.kuroshio.stix;

/** Input that is not well-formed JSON or breaks a {@link ParseLimits} limit, with where it happened. */
public final class ParseException extends StixException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final long column;

  public ParseException(String message, long line, long column) {
    super(line > 0 ? message + " (line " + line + ", column " + column + ")" : message);
    this.line = line;
    this.column = column;
  }

  public ParseException(String message, long line, long column, Throwable cause) {
    super(line > 0 ? message + " (line " + line + ", column " + column + ")" : message, cause);
    this.line = line;
    this.column = column;
  }

  /** Returns the 1-based line of the problem, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** Returns the 1-based column of the problem, or 0 when unknown. */
  public long column() {
    return column;
  }
}
