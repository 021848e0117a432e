package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * One Avro container file of an input topic (any released schema version; the file carries its writer schema).
 * Records are re-encoded in the wire format so the rest of the job reads them exactly like Kafka values.
 */
final class AvroContainerFormat<T extends SpecificRecord> extends SimpleStreamFormat<Ingested> {

  private static final long serialVersionUID = 1L;
  private final IngestDecoder<T> decoder;
  private final int fileIndex;

  AvroContainerFormat(IngestDecoder<T> decoder, int fileIndex) {
    this.decoder = decoder;
    this.fileIndex = fileIndex;
  }

  @Override
  public StreamFormat.Reader<Ingested> createReader(Configuration config, FSDataInputStream stream) throws IOException {
    Class<T> type = decoder.input().type();
    DataFileStream<T> records = new DataFileStream<>(stream, new SpecificDatumReader<>(type));
    WireFormat<T> wire = WireFormat.of(decoder.input().topic());
    return new StreamFormat.Reader<>() {
      private long index;

      @Override
      public Ingested read() {
        if (!records.hasNext()) {
          return null;
        }
        index++;
        return decoder.ingest(decoder.input().name(), fileIndex, index, null, wire.encode(records.next()),
            IngestDecoder.Format.AVRO);
      }

      @Override
      public void close() throws IOException {
        records.close();
      }
    };
  }

  @Override
  public TypeInformation<Ingested> getProducedType() {
    return TypeInformation.of(Ingested.class);
  }
}
