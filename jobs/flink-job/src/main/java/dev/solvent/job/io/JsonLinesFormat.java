package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * One JSON Lines file of an input topic: each non-blank line one record; the file's index in the topic's file list is
 * its partition and the line number its offset (a restore skips the lines already read, so numbering is stable).
 */
final class JsonLinesFormat extends SimpleStreamFormat<Ingested> {

  private static final long serialVersionUID = 1L;
  private final IngestDecoder<?> decoder;
  private final int fileIndex;

  JsonLinesFormat(IngestDecoder<?> decoder, int fileIndex) {
    this.decoder = decoder;
    this.fileIndex = fileIndex;
  }

  @Override
  public StreamFormat.Reader<Ingested> createReader(Configuration config, FSDataInputStream stream) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    return new StreamFormat.Reader<>() {
      private long lineNumber;

      @Override
      public Ingested read() throws IOException {
        String line;
        do {
          line = lines.readLine();
          lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
          return null;
        }
        return decoder.ingest(decoder.input().name(), fileIndex, lineNumber, null,
            line.getBytes(StandardCharsets.UTF_8), IngestDecoder.Format.JSON);
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }

  @Override
  public TypeInformation<Ingested> getProducedType() {
    return TypeInformation.of(Ingested.class);
  }
}
