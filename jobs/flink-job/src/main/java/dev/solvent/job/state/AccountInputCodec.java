package dev.solvent.job.state;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.job.model.AccountInput;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An input as buffered by the account stage: the record in its topic's wire format, and its source. Version 2 adds
 * the providers' bids of the risk auction (a flag before the record); version 1 holds account events only.
 */
public final class AccountInputCodec implements StateCodec<AccountInput> {

  private static final long serialVersionUID = 1L;
  public static final AccountInputCodec INSTANCE = new AccountInputCodec();
  private static final WireFormat<AccountEvent> WIRE = WireFormat.of(Topics.ACCOUNT_EVENTS);
  private static final WireFormat<RiskBid> BIDS = WireFormat.of(Topics.RISK_BIDS);

  @Override
  public String name() {
    return "account-input";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Class<AccountInput> type() {
    return AccountInput.class;
  }

  @Override
  public void write(AccountInput value, DataOutputView out) throws IOException {
    out.writeBoolean(value.bid() != null);
    if (value.bid() != null) {
      Fields.avro(out, BIDS, value.bid());
    } else {
      Fields.avro(out, WIRE, value.event());
    }
    Fields.source(out, value.source());
  }

  @Override
  public AccountInput read(int version, DataInputView in) throws IOException {
    if (version == 1) {
      return new AccountInput(Fields.avro(in, WIRE), Fields.source(in));
    }
    if (version != 2) {
      throw Fields.unknownVersion(name(), version);
    }
    if (in.readBoolean()) {
      RiskBid bid = Fields.avro(in, BIDS);
      return AccountInput.bid(bid, Fields.source(in));
    }
    return new AccountInput(Fields.avro(in, WIRE), Fields.source(in));
  }
}
