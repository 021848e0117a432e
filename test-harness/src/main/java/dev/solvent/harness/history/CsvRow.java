package dev.solvent.harness.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One non-blank line of a plain CSV file (no quoting, as exchanges export them): its 1-based line number in the file,
 * the line's text and its comma-separated fields, trimmed.
 */
record CsvRow(Path file, int line, String text, List<String> fields) {

  private static final int QUOTED_TEXT_LIMIT = 160;

  /** Every non-blank line of the file, in file order; a leading byte-order mark is dropped. */
  static List<CsvRow> readAll(Path file) {
    return read(file, Integer.MAX_VALUE);
  }

  /** The first non-blank line of the file, if any. */
  static Optional<CsvRow> first(Path file) {
    return read(file, 1).stream().findFirst();
  }

  /** Up to {@code limit} non-blank lines from the start of the file. */
  private static List<CsvRow> read(Path file, int limit) {
    List<CsvRow> rows = new ArrayList<>();
    int number = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String text = in.readLine(); text != null && rows.size() < limit; text = in.readLine()) {
        number++;
        if (number == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (!text.isBlank()) {
          rows.add(of(file, number, text));
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      // a binary or non-UTF-8 file: the user's input, refused in one line like any malformed CSV
      throw new IllegalArgumentException(file + ":" + (number + 1) + ": not UTF-8 text (a price file is a CSV)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }

  private static CsvRow of(Path file, int line, String text) {
    return new CsvRow(file, line, text, Arrays.stream(text.split(",", -1)).map(String::trim).toList());
  }

  String field(int index) {
    if (index >= fields.size()) {
      throw problem("expected at least " + (index + 1) + " columns, found " + fields.size());
    }
    return fields.get(index);
  }

  /** The index of the column with this name (ignoring case), or -1. */
  int column(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A row is a header when it does not start with a digit (data rows start with an epoch number or a year). */
  boolean isHeader() {
    String first = fields.get(0);
    return first.isEmpty() || !Character.isDigit(first.charAt(0));
  }

  /** An error naming the file, the line number and the line itself. */
  IllegalArgumentException problem(String reason) {
    return problem(reason, null);
  }

  IllegalArgumentException problem(String reason, Throwable cause) {
    String quoted = text.length() > QUOTED_TEXT_LIMIT ? text.substring(0, QUOTED_TEXT_LIMIT) + "..." : text;
    return new IllegalArgumentException(file + ":" + line + ": " + reason + " (line: '" + quoted + "')", cause);
  }
}
