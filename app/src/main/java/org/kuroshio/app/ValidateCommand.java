package org.kuroshio.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kuroshio.stix.Issue;
import org.kuroshio.stix.ParseException;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.Severity;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kuroshio validate FILE...}: checks STIX 2.1 files and prints each problem as
 * {@code FILE:LINE: severity object property [rule] message}.
 */
@Command(name = "validate",
    description = {"Validate STIX 2.1 bundles, envelopes, arrays of objects or single objects.",
        "Prints FILE:LINE: severity object property [rule] message for every problem;"
            + " exits 1 when any error was found, 0 otherwise."})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to check")
  List<Path> files = new ArrayList<>();

  @Option(names = "--lenient",
      description = "report breaches of the specification's MUSTs as warnings (except a missing"
          + " or invalid type or id)")
  boolean lenient;

  @Option(names = {"-q", "--quiet"}, description = "print errors only, no warnings or summary")
  boolean quiet;

  private long objects;
  private long errors;
  private long warnings;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Validator validator = lenient ? Validator.lenient() : Validator.strict();
    LocatedObjects reader = new LocatedObjects(ParseLimits.DEFAULT);
    for (Path file : files) {
      validateFile(file, reader, validator, out);
    }
    if (!quiet) {
      out.printf(Locale.ROOT, "%,d object%s in %d file%s: %,d error%s, %,d warning%s%n",
          objects, plural(objects), files.size(), plural(files.size()), errors, plural(errors),
          warnings, plural(warnings));
    }
    out.flush();
    return errors > 0 ? Main.PROBLEMS : Main.OK;
  }

  private void validateFile(Path file, LocatedObjects reader, Validator validator,
      PrintWriter out) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      objects += reader.read(in, located -> {
        ValidationReport report = validator.validate(located.node());
        for (Issue issue : report.issues()) {
          print(out, file + ":" + located.line(), issue);
        }
      });
    } catch (NoSuchFileException e) {
      fileProblem(out, file, "file", "no such file");
    } catch (IOException e) {
      fileProblem(out, file, "file", "cannot read: " + e.getMessage());
    } catch (ParseException e) {
      errors++;
      String where = e.line() > 0 ? file + ":" + e.line() : file.toString();
      out.println(where + ": error - - [json] " + e.getMessage());
    }
  }

  private void fileProblem(PrintWriter out, Path file, String rule, String message) {
    errors++;
    out.println(file + ": error - - [" + rule + "] " + message);
  }

  private void print(PrintWriter out, String where, Issue issue) {
    if (issue.severity() == Severity.ERROR) {
      errors++;
    } else {
      warnings++;
      if (quiet) {
        return;
      }
    }
    out.println(where + ": " + issue.severity().name().toLowerCase(Locale.ROOT) + " "
        + orDash(issue.objectId()) + " " + orDash(issue.property()) + " [" + issue.rule() + "] "
        + issue.message());
  }

  private static String orDash(String s) {
    return s.isBlank() ? "-" : s;
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
