package org.kuroshio.app;

import java.net.URI;
import java.util.List;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.StatusDetails;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.client.TaxiiClient;

/** {@code kuroshio import --url}: posts batches to a running node with the TAXII client. */
final class RemoteImport {
  /** How often a pending status is polled before the import gives up on it. */
  private static final int MAX_POLLS = 600;

  private RemoteImport() {}

  /**
   * Imports every file of the command, one envelope per batch.
   *
   * @return whether a file was unreadable or malformed
   */
  static boolean run(ImportCommand command, URI url, ImportSummary summary) {
    if (command.collection == null) {
      throw new IllegalArgumentException("--url needs --collection ID (the collection to post to)");
    }
    String collection = command.collection;
    TaxiiClient client = client(command, url);
    boolean broken = false;
    for (String file : command.files) {
      broken |= command.readFile(file, summary, batch -> {
        try {
          Status status = client.addEnvelope(collection, Envelope.of(batch));
          record(complete(client, status), summary);
        } catch (TaxiiException e) {
          throw new Main.CommandFailure("the node at " + url + " refused the envelope: "
              + e.getMessage(), e);
        }
      });
    }
    return broken;
  }

  private static TaxiiClient client(ImportCommand command, URI url) {
    URI root = url.toString().endsWith("/") ? url : URI.create(url + "/");
    TaxiiClient.Builder b = TaxiiClient.builder(root);
    String token = command.main.environment().get("KUROSHIO_TOKEN");
    if (command.user != null) {
      String password = command.main.environment().get("KUROSHIO_PASSWORD");
      char[] secret;
      if (password != null) {
        secret = password.toCharArray();
      } else if (command.main.interactive() && System.console() != null) {
        secret = System.console().readPassword("Password for %s: ", command.user);
      } else {
        throw new IllegalArgumentException("--user needs the password in $KUROSHIO_PASSWORD");
      }
      b.basicAuth(command.user, secret);
    } else if (token != null && !token.isBlank()) {
      b.bearerToken(token.strip());
    } else {
      throw new IllegalArgumentException("--url needs credentials: $KUROSHIO_TOKEN, or --user"
          + " with $KUROSHIO_PASSWORD");
    }
    return b.build();
  }

  private static Status complete(TaxiiClient client, Status status) {
    Status s = status;
    for (int i = 0; i < MAX_POLLS && !Status.COMPLETE.equals(s.status()); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Main.CommandFailure("interrupted while waiting for status " + s.id());
      }
      s = client.status(s.id());
    }
    if (!Status.COMPLETE.equals(s.status())) {
      throw new Main.CommandFailure("status " + s.id() + " is still pending after "
          + MAX_POLLS / 10 + " s");
    }
    return s;
  }

  private static void record(Status status, ImportSummary summary) {
    List<StatusDetails> successes = status.successes();
    if (successes.size() == status.successCount()) {
      for (StatusDetails d : successes) {
        if (ImportSummary.UNCHANGED.equals(d.message())) {
          summary.unchanged(1);
        } else {
          summary.succeeded(1);
        }
      }
    } else {
      summary.succeeded(status.successCount());
    }
    for (StatusDetails f : status.failures()) {
      summary.reject(f.id(), f.message());
    }
    long unlisted = status.failureCount() - status.failures().size();
    for (long i = 0; i < unlisted; i++) {
      summary.reject("?", "refused (the status lists no details)");
    }
  }
}
