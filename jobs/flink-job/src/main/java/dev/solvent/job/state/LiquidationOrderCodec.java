package dev.solvent.job.state;

import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A liquidation order as the netting stage buffers it: the record in its topic's wire format. */
public final class LiquidationOrderCodec implements StateCodec<LiquidationOrder> {

  private static final long serialVersionUID = 1L;
  public static final LiquidationOrderCodec INSTANCE = new LiquidationOrderCodec();
  private static final WireFormat<LiquidationOrder> WIRE = WireFormat.of(Topics.LIQUIDATION_ORDERS);

  @Override
  public String name() {
    return "liquidation-order";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<LiquidationOrder> type() {
    return LiquidationOrder.class;
  }

  @Override
  public void write(LiquidationOrder value, DataOutputView out) throws IOException {
    Fields.avro(out, WIRE, value);
  }

  @Override
  public LiquidationOrder read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    return Fields.avro(in, WIRE);
  }
}
