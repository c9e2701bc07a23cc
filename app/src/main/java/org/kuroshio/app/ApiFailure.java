package org.kuroshio.app;

/**
 * A REST API request the node refuses: the HTTP status, a short title and a description that
 * names the problem, written as the error body {@code {"title", "description", "http_status"}}.
 */
final class ApiFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  ApiFailure(int status, String title, String description) {
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

  static ApiFailure badRequest(String description) {
    return new ApiFailure(400, "Bad request", description);
  }

  static ApiFailure forbidden(String description) {
    return new ApiFailure(403, "Forbidden", description);
  }

  static ApiFailure notFound(String description) {
    return new ApiFailure(404, "Not found", description);
  }

  static ApiFailure conflict(String description) {
    return new ApiFailure(409, "Conflict", description);
  }

  static ApiFailure tooLarge(String description) {
    return new ApiFailure(413, "Request too large", description);
  }

  static ApiFailure unsupportedMediaType(String description) {
    return new ApiFailure(415, "Unsupported media type", description);
  }

  static ApiFailure unavailable(String description) {
    return new ApiFailure(503, "Service unavailable", description);
  }
}
