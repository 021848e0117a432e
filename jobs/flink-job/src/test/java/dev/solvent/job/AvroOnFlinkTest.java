package dev.solvent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.schema.SampleRecords;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build pins Avro 1.12.1 although flink-avro 2.2.1 was built against 1.11.4: this proves flink-avro's serializer
 * still handles every topic's generated class (decimals, timestamps, unions) and that Flink never falls back to Kryo.
 */
class AvroOnFlinkTest {

  static List<String> topics() {
    return Topics.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void flinkSerializesEveryTopicRecordWithAvroNotKryo(String topicName) throws Exception {
    Topic<?> topic = Topics.byName(topicName);
    TypeInformation<?> type = TypeInformation.of(topic.valueType());
    assertThat(type).isInstanceOf(AvroTypeInfo.class);

    @SuppressWarnings("unchecked")
    TypeSerializer<SpecificRecord> serializer =
        (TypeSerializer<SpecificRecord>) type.createSerializer(new SerializerConfigImpl());
    int variants = SampleRecords.widestUnion(topic.schema());
    for (int branch = 0; branch < variants; branch++) {
      SpecificRecord original = (SpecificRecord) SampleRecords.sample(topic.schema(), 17L + branch, branch);
      DataOutputSerializer out = new DataOutputSerializer(256);
      serializer.serialize(original, out);
      SpecificRecord back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(back).isEqualTo(original);
      assertThat(serializer.copy(original)).isEqualTo(original).isNotSameAs(original);
    }
  }
}
