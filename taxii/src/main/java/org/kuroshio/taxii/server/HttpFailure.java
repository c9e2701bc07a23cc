package org.kuroshio.taxii.server;

import io.javalin.http.Context;

/**
 * A request the server refuses: the HTTP status, a short title and a description that names the
 * problem. The TAXII routes write it as a TAXII error body, the REST API as its JSON error body;
 * both set the same headers ({@link #prepareHeaders}).
 */
public final class HttpFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  /** A refusal with this status, title and description. */
  public HttpFailure(int status, String title, String description) {
    super(description, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the short title of the error body. */
  public String title() {
    return title;
  }

  /** 400 Bad request. */
  public static HttpFailure badRequest(String description) {
    return new HttpFailure(400, "Bad request", description);
  }

  /** 403 Forbidden. */
  public static HttpFailure forbidden(String description) {
    return new HttpFailure(403, "Forbidden", description);
  }

  /** 404 Not found. */
  public static HttpFailure notFound(String description) {
    return new HttpFailure(404, "Not found", description);
  }

  /** 409 Conflict. */
  public static HttpFailure conflict(String description) {
    return new HttpFailure(409, "Conflict", description);
  }

  /** 413 Request too large. */
  public static HttpFailure tooLarge(String description) {
    return new HttpFailure(413, "Request too large", description);
  }

  /** 415 Unsupported media type. */
  public static HttpFailure unsupportedMediaType(String description) {
    return new HttpFailure(415, "Unsupported media type", description);
  }

  /** 503 Service unavailable. */
  public static HttpFailure unavailable(String description) {
    return new HttpFailure(503, "Service unavailable", description);
  }

  /**
   * Sets the headers an error answer with {@code status} carries: the authentication challenges
   * on 401, and {@code Connection: close} on 413 (the rest of the body is never read, so Jetty
   * drops the connection after answering).
   */
  public static void prepareHeaders(Context ctx, int status) {
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Basic realm=\"kuroshio\", charset=\"UTF-8\"");
      ctx.addHeader("WWW-Authenticate", "Bearer realm=\"kuroshio\"");
    }
    if (status == 413) {
      ctx.header("Connection", "close");
    }
  }
}
