package org.kuroshio.sharing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/** File and text mechanics shared by node keys, trusted keys and bundle signatures. */
final class SigningFiles {
  /** An organisation's identity id, as {@link Organisation} requires it. */
  static final Pattern IDENTITY_ID = Pattern.compile(
      "identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A SHA-256 digest or key fingerprint: 64 lower-case hex digits. */
  static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private static final int BUFFER = 1 << 16;

  private SigningFiles() {}

  /** Returns whether the default file system understands POSIX permissions. */
  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Reads a small text file, refusing one larger than {@code limit} bytes without reading it all.
   *
   * @throws IOException when the file cannot be read
   * @throws TooLarge when it holds more than {@code limit} bytes
   */
  static String readSmall(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new TooLarge(limit);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A file is larger than its limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("larger than " + limit + " bytes");
    }
  }

  /**
   * Writes {@code text} to {@code target} through a temporary file beside it, so that a reader
   * never sees half a file. Where the file system has POSIX permissions, a {@code secret} file is
   * readable by its owner only from the moment it exists, and any other is {@code rw-r--r--}.
   *
   * @param replace whether an existing target is replaced; if not and it exists, nothing changes
   * @return whether the target was written
   */
  static boolean writeAtomically(Path target, String text, boolean secret, boolean replace)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    FileAttribute<?>[] attributes = secret && posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part", attributes);
    try {
      if (!secret && posix()) {
        // Temporary files start private; public keys and signatures are for everyone to read.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      if (!replace) {
        try {
          // A hard link fails when the target exists, so two first uses cannot both win.
          Files.createLink(target, tmp);
          return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          return false;
        } catch (UnsupportedOperationException | IOException e) {
          if (Files.exists(target)) {
            return false;
          }
          Files.move(tmp, target);
          return true;
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Returns the SHA-256 of a file's bytes as lower-case hex, reading it in constant memory. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Returns the SHA-256 of {@code bytes} as lower-case hex. */
  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
