package org.kuroshio.taxii.server;

/** A request the server refuses, with the HTTP status and the text of the TAXII error body. */
final class HttpFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  HttpFailure(int status, String title, String description) {
    super(description, null, false, false);
    this.status = status;
    this.title = title;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  static HttpFailure badRequest(String description) {
    return new HttpFailure(400, "Bad request", description);
  }

  static HttpFailure notFound(String description) {
    return new HttpFailure(404, "Not found", description);
  }

  static HttpFailure tooLarge(String description) {
    return new HttpFailure(413, "Request too large", description);
  }
}
