package org.kuroshio.taxii.server;

import org.kuroshio.taxii.TaxiiError;
import org.kuroshio.taxii.TaxiiException;

/**
 * A request's credentials are missing, malformed or wrong ({@link TaxiiServer#authenticate}); the
 * message says which, without repeating the credentials. HTTP layers answer 401.
 */
public final class AuthenticationException extends TaxiiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String description) {
    super(401, TaxiiError.of(401, "Unauthorized", description), description);
  }
}
