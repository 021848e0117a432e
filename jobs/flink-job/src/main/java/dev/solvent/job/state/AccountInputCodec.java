package dev.solvent.job.state;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.job.model.AccountInput;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An account event as buffered by the account stage: the record in its topic's wire format, and its source. */
public final class AccountInputCodec implements StateCodec<AccountInput> {

  private static final long serialVersionUID = 1L;
  public static final AccountInputCodec INSTANCE = new AccountInputCodec();
  private static final WireFormat<AccountEvent> WIRE = WireFormat.of(Topics.ACCOUNT_EVENTS);

  @Override
  public String name() {
    return "account-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<AccountInput> type() {
    return AccountInput.class;
  }

  @Override
  public void write(AccountInput value, DataOutputView out) throws IOException {
    Fields.avro(out, WIRE, value.event());
    Fields.source(out, value.source());
  }

  @Override
  public AccountInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    return new AccountInput(Fields.avro(in, WIRE), Fields.source(in));
  }
}
