package dev.solvent.job.account;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Dead letters for account events found invalid by the account stage (unknown account or instrument). */
final class Rejections {

  private static final WireFormat<dev.solvent.avro.account.AccountEvent> WIRE =
      WireFormat.of(Topics.ACCOUNT_EVENTS);

  private Rejections() {}

  static Rejected of(AccountInput input, long time, DeadLetterReason reason, String detail) {
    byte[] value = WIRE.encode(input.event());
    String key = Topics.ACCOUNT_EVENTS.key(input.event());
    return new Rejected(time, DeadLetter.newBuilder()
        .setSourceTopic(input.source().topic())
        .setPartition(input.source().partition())
        .setOffset(input.source().offset())
        .setEventTime(input.event().getEventTime())
        .setReason(reason)
        .setDetail(detail)
        .setKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(value))
        .setValueSize(value.length)
        .build());
  }
}
