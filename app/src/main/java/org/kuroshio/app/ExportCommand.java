package org.kuroshio.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.BundleSignature;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.NodeKey;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.BundleWriter;
import org.kuroshio.stix.StixJson;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kuroshio export}: writes a collection of a stopped node as one STIX bundle, streamed
 * page by page so that a collection of any size fits in bounded memory.
 */
@Command(name = "export",
    description = {"Export a collection of a stopped node as a STIX 2.1 bundle.",
        "Reads the configuration's database as the node operator; writes to standard output"
            + " unless -o is given."})
final class ExportCommand implements Callable<Integer> {
  /** Objects read from the store per page. */
  static final int PAGE = 1000;

  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(names = "--collection", paramLabel = "ID",
      description = "collection id (default: the node organisation's local collection)")
  @Nullable String collection;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "write the bundle to FILE (replaced once complete) instead of stdout")
  @Nullable Path output;

  @Option(names = "--all-versions",
      description = "export every version of every object (default: the latest of each)")
  boolean allVersions;

  @Option(names = "--sign",
      description = "sign the bundle with the node's Ed25519 key (created on first use in"
          + " DATA_DIR/keys): writes FILE.sig beside the -o FILE")
  boolean sign;

  @Option(names = "--for", paramLabel = "ORG",
      description = "export only what the release rule gives this organisation (identity id)"
          + " under --agreement, signed (needs -o FILE); for partners without a network link")
  @Nullable String recipient;

  @Option(names = "--agreement", paramLabel = "ID",
      description = "the agreement (kuroshio-agreement--UUID or its UUID) the --for export is"
          + " made under; its collection is exported")
  @Nullable String agreement;

  @Override
  public Integer call() throws IOException {
    if ((recipient == null) != (agreement == null)) {
      throw new IllegalArgumentException("--for and --agreement go together");
    }
    if (recipient != null) {
      if (output == null) {
        throw new IllegalArgumentException("--for needs -o FILE: the bundle is signed and the"
            + " signature goes beside it");
      }
      if (collection != null) {
        throw new IllegalArgumentException("--for exports the agreement's collection; leave out"
            + " --collection");
      }
      sign = true;
    }
    if (sign && output == null) {
      throw new IllegalArgumentException("--sign needs -o FILE: the signature goes beside it");
    }
    AppConfig cfg = config.load(main);
    // The key is loaded (or created) first, so that a key problem stops before any export.
    @Nullable NodeKey key = sign ? KeyCommand.nodeKey(cfg, spec.commandLine().getErr()) : null;
    try (OfflineNode node = OfflineNode.open(cfg)) {
      NodeData data = node.data();
      Principal operator = node.operator();
      String target;
      if (recipient != null && agreement != null) {
        // Read as the recipient: the door applies the release rule for it and audits the
        // release to it.
        operator = new Principal("export", recipient, Set.of(Role.MACHINE));
        target = agreement.startsWith(Agreement.PREFIX)
            ? agreement.substring(Agreement.PREFIX.length()) : agreement;
        if (data.collection(operator, target).isEmpty()) {
          throw new Main.CommandFailure("organisation " + recipient + " is not a party to an"
              + " agreement in force with id " + agreement + " on this node");
        }
      } else {
        target = node.collection(collection);
      }
      long count;
      if (output == null) {
        PrintStream stdout = new PrintStream(new NonClosing(main.stdout()), false);
        count = write(data, operator, target, stdout);
        stdout.flush();
      } else {
        Path out = output.toAbsolutePath();
        Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName(), ".part");
        try {
          try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            count = write(data, operator, target, o);
          }
          Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      spec.commandLine().getErr().println("kuroshio: exported " + count + " objects from"
          + " collection " + target + (recipient == null ? "" : " released to " + recipient)
          + (output == null ? "" : " to " + output));
      if (key != null && output != null) {
        BundleSignature s = KeyCommand.sign(output, key, cfg);
        spec.commandLine().getErr().println("kuroshio: signed as " + s.signer() + " with key "
            + s.key() + ": " + BundleSignature.signatureFile(output));
      }
      return Main.OK;
    }
  }

  private long write(NodeData data, Principal principal, String collectionId,
      OutputStream out) {
    return writeBundle(data, principal, collectionId, out, allVersions);
  }

  /**
   * Writes a collection as a bundle, page by page.
   *
   * @param every every version of each object, else the latest
   * @return how many objects were written
   */
  static long writeBundle(NodeData data, Principal principal, String collectionId,
      OutputStream out, boolean every) {
    String action = principal.user().equals("export") ? "export.for" : "export";
    ObjectQuery query = new ObjectQuery(null, Set.of(), Set.of(),
        every ? VersionMatch.ALL : VersionMatch.LAST, Set.of(), PAGE, null, true);
    try (BundleWriter writer = BundleWriter.open(out, "bundle--" + UUID.randomUUID())) {
      while (true) {
        Page<StoredVersion> page = data.query(principal, collectionId, query, action);
        for (StoredVersion v : page.items()) {
          String json = v.json();
          if (json != null) {
            writer.write(StixJson.parse(json));
          }
        }
        writer.flush();
        if (!page.more() || page.next() == null) {
          return writer.count();
        }
        query = query.after(page.next());
      }
    } catch (UncheckedIOException e) {
      throw new Main.CommandFailure("cannot write the bundle: " + e.getMessage(), e);
    }
  }

  /** Keeps the bundle writer from closing standard output. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
