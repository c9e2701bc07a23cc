package org.kuroshio.taxii;

import java.io.IOException;

/** No TAXII answer arrived: connection refused, reset, timed out or interrupted. */
public final class TaxiiTransportException extends TaxiiException {
  private static final long serialVersionUID = 1L;

  public TaxiiTransportException(String message, IOException cause) {
    super(0, null, message + ": " + cause, cause);
  }

  public TaxiiTransportException(String message, InterruptedException cause) {
    super(0, null, message + ": interrupted", cause);
  }
}
