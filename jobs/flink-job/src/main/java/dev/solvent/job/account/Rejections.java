package dev.solvent.job.account;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Dead letters for inputs of the account stage found invalid where the knowledge lives: account events for an
 * unknown account or instrument, a risk auction's bids that come to nothing.
 */
public final class Rejections {

  private static final WireFormat<dev.solvent.avro.account.AccountEvent> WIRE =
      WireFormat.of(Topics.ACCOUNT_EVENTS);
  private static final WireFormat<RiskBid> BIDS = WireFormat.of(Topics.RISK_BIDS);

  private Rejections() {}

  public static Rejected of(AccountInput input, long time, DeadLetterReason reason, String detail) {
    byte[] value = input.bid() != null ? BIDS.encode(input.bid()) : WIRE.encode(input.event());
    String key = input.bid() != null ? Topics.RISK_BIDS.key(input.bid()) : Topics.ACCOUNT_EVENTS.key(input.event());
    return new Rejected(time, DeadLetter.newBuilder()
        .setSourceTopic(input.source().topic())
        .setPartition(input.source().partition())
        .setOffset(input.source().offset())
        .setEventTime(Instant.ofEpochMilli(input.eventTime()))
        .setReason(reason)
        .setDetail(detail)
        .setKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(value))
        .setValueSize(value.length)
        .build());
  }
}
