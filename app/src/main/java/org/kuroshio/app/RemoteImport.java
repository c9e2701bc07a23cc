package org.kuroshio.app;

import java.net.URI;

/** {@code kuroshio import --url}: posts batches to a running node with the TAXII client. */
final class RemoteImport {
  private RemoteImport() {}

  /** Imports every file of the command; returns whether a file was unreadable or malformed. */
  static boolean run(ImportCommand command, URI url, ImportSummary summary) {
    throw new Main.CommandFailure("import --url is not available yet (waiting for the TAXII"
        + " client)");
  }
}
