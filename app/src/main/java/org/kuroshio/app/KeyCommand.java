package org.kuroshio.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.kuroshio.sharing.BundleSignature;
import org.kuroshio.sharing.NodeKey;
import org.kuroshio.sharing.SharingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kuroshio key ...}: the node's Ed25519 signing key, which signs the bundles it exports
 * for partners without a network link; the pair is created on first use in
 * {@code <data>/keys}.
 */
@Command(name = "key",
    description = {"Show or export the node's Ed25519 public key, which partners use to verify"
        + " its signed bundles (kuroshio import --verify).",
        "The key pair is created on first use in DATA_DIR/keys (" + NodeKey.PRIVATE_FILE
            + ", readable by its owner only, and " + NodeKey.PUBLIC_FILE + ")."},
    subcommands = {KeyCommand.Show.class, KeyCommand.Export.class})
final class KeyCommand implements Runnable {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Returns the folder of the node's key pair: {@code <data>/keys}. */
  static Path keysDir(AppConfig config) {
    return config.dataDir().resolve("keys");
  }

  /** Returns the default folder of partners' public keys: {@code <data>/keys/trusted}. */
  static Path trustedKeysDir(AppConfig config) {
    return keysDir(config).resolve("trusted");
  }

  /**
   * Loads the node's key pair, creating it on first use and saying so on {@code err}.
   *
   * @throws Main.CommandFailure when a key file cannot be read, parsed or written
   */
  static NodeKey nodeKey(AppConfig config, PrintWriter err) {
    Path dir = keysDir(config);
    boolean fresh = !Files.exists(dir.resolve(NodeKey.PRIVATE_FILE));
    try {
      NodeKey key = NodeKey.loadOrCreate(dir, new SecureRandom());
      if (fresh) {
        err.println("kuroshio: created the node's Ed25519 key pair in " + dir
            + " (fingerprint " + key.fingerprint() + ")");
      }
      return key;
    } catch (NodeKey.KeyException e) {
      throw new Main.CommandFailure(e.getMessage(), e);
    }
  }

  /**
   * Signs a bundle file as the node operator's organisation, writing {@code FILE.sig}.
   *
   * @throws Main.CommandFailure when the bundle cannot be read or the signature written
   */
  static BundleSignature sign(Path bundle, NodeKey key, AppConfig config) {
    try {
      return BundleSignature.sign(bundle, key, config.node().organisation());
    } catch (SharingException e) {
      throw new Main.CommandFailure("cannot sign: " + e.getMessage(), e);
    }
  }

  /** {@code kuroshio key show}: prints the public key and its fingerprint. */
  @Command(name = "show",
      description = {"Print the node's public key file: the organisation, the fingerprint"
          + " (SHA-256 of the key's DER) and the X.509 PEM key.",
          "Creates the key pair first if the node has none."})
  static final class Show implements Callable<Integer> {
    @ParentCommand KeyCommand key;
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AppConfig c = config.load(key.main);
      NodeKey nodeKey = nodeKey(c, spec.commandLine().getErr());
      spec.commandLine().getOut().print(nodeKey.partnerKeyFile(c.node().organisation()));
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
  }

  /** {@code kuroshio key export FILE}: writes the public key file to give to partners. */
  @Command(name = "export",
      description = {"Write the node's public key file for partners: a '# organisation:' line"
          + " naming the node operator (node.organisation), the fingerprint, and the X.509 PEM"
          + " key.",
          "A partner puts it in its trusted keys folder (DATA_DIR/keys/trusted) and compares the"
              + " fingerprint with you over another channel."})
  static final class Export implements Callable<Integer> {
    @ParentCommand KeyCommand key;
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the file to write, such as nsb.pub")
    Path file;

    @Override
    public Integer call() {
      AppConfig c = config.load(key.main);
      PrintWriter err = spec.commandLine().getErr();
      NodeKey nodeKey = nodeKey(c, err);
      try {
        nodeKey.exportPublicKey(file, c.node().organisation());
      } catch (NodeKey.KeyException e) {
        throw new Main.CommandFailure(e.getMessage(), e);
      }
      err.println("kuroshio: wrote the public key of " + c.node().organisation()
          + " (fingerprint " + nodeKey.fingerprint() + ") to " + file);
      return Main.OK;
    }
  }
}
