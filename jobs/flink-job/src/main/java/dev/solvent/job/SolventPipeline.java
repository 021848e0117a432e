package dev.solvent.job;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.pool.PoolEntry;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.account.AccountEvents;
import dev.solvent.job.account.AccountOperator;
import dev.solvent.job.adl.AdlFunction;
import dev.solvent.job.auction.AuctionFunction;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.ingest.AcceptanceRule;
import dev.solvent.job.ingest.DeadLetterFunction;
import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import dev.solvent.job.ingest.InputTopic;
import dev.solvent.job.ingest.SolventWatermarks;
import dev.solvent.job.ingest.ValidateFunction;
import dev.solvent.job.ingest.WatermarkMemory;
import dev.solvent.job.insurance.InsuranceFundFunction;
import dev.solvent.job.insurance.MutualPoolFunction;
import dev.solvent.job.io.Inputs;
import dev.solvent.job.io.Outputs;
import dev.solvent.job.metrics.AdlMeter;
import dev.solvent.job.metrics.AuctionMeter;
import dev.solvent.job.metrics.DeadLetterMeter;
import dev.solvent.job.metrics.FundMeter;
import dev.solvent.job.metrics.LiquidationMeter;
import dev.solvent.job.metrics.MarginCallMeter;
import dev.solvent.job.metrics.OracleMeter;
import dev.solvent.job.metrics.RiskMetrics;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.job.model.PoolInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.job.model.RiskAuctionInput;
import dev.solvent.job.model.Settlement;
import dev.solvent.job.netting.NettingFunction;
import dev.solvent.job.oracle.OracleFunction;
import dev.solvent.job.riskarrays.RiskArraysFunction;
import dev.solvent.job.riskauction.RiskAuctionFunction;
import dev.solvent.job.state.AccountInputCodec;
import dev.solvent.job.state.AdlStageInputCodec;
import dev.solvent.job.state.AuctionStageInputCodec;
import dev.solvent.job.state.RiskArrayStageInputCodec;
import dev.solvent.job.state.RiskAuctionInputCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.account.Account;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The one job graph (architecture.md, "Job graph"), a function of its inputs and outputs: {@code main}, the embedded
 * runs and the tests hand it Kafka or files. Every stateful operator has the UID of its {@link Stage}.
 */
public final class SolventPipeline {

  /** Deposits into accounts named {@code fund:<fundId>} top up that insurance fund instead of an account. */
  public static final String FUND_ACCOUNT_PREFIX = "fund:";
  /** With the mutual pool on, deposits of the cash asset into accounts named {@code pool:<depositor>} fund it. */
  public static final String POOL_ACCOUNT_PREFIX = "pool:";

  private SolventPipeline() {}

  public static void build(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, SolventConfig config) {
    AcceptanceRule rule = new AcceptanceRule(config.get(SolventConfig.MAX_OUT_OF_ORDERNESS),
        config.get(SolventConfig.MAX_FUTURE));
    WatermarkStrategy<Ingested> watermarks = SolventWatermarks.strategy(rule, config.get(SolventConfig.IDLENESS));
    int maxBytes = config.get(SolventConfig.MAX_VALUE_BYTES);
    OutputTag<Rejected> rejectedTag = new OutputTag<>("rejected", TypeInformation.of(Rejected.class));

    SingleOutputStreamOperator<MarketTick> ticks = validate(env, inputs, watermarks, InputTopic.MARKET_TICKS, maxBytes,
        rule, rejectedTag, (r, s) -> r, TypeInformation.of(MarketTick.class));
    SingleOutputStreamOperator<MarketVol> vols = validate(env, inputs, watermarks, InputTopic.MARKET_VOLS, maxBytes,
        rule, rejectedTag, (r, s) -> r, TypeInformation.of(MarketVol.class));
    SingleOutputStreamOperator<InstrumentUpdate> specs = validate(env, inputs, watermarks, InputTopic.INSTRUMENTS,
        maxBytes, rule, rejectedTag, (r, s) -> r, TypeInformation.of(InstrumentUpdate.class));
    SingleOutputStreamOperator<AccountInput> events = validate(env, inputs, watermarks, InputTopic.ACCOUNT_EVENTS,
        maxBytes, rule, rejectedTag, AccountInput::new, TypeInformation.of(AccountInput.class));
    SingleOutputStreamOperator<BidInput> bids = validate(env, inputs, watermarks, InputTopic.AUCTION_BIDS, maxBytes,
        rule, rejectedTag, BidInput::new, TypeInformation.of(BidInput.class));

    // ORACLE
    SingleOutputStreamOperator<OracleUpdate> oracle = ticks
        .keyBy(t -> ((Quote) t.getPayload()).getUnderlying())
        .process(new OracleFunction(config)).name(Stage.ORACLE.id()).uid(Stage.ORACLE.uid());
    DataStream<OraclePrice> prices = oracle.map(OracleUpdate::price).name("oracle.prices").uid("map-oracle.prices");
    sink(outputs, prices, Topics.ORACLE_PRICES);
    RiskMetrics.tap(prices, "oracle.prices", new OracleMeter());

    // RISK_ARRAYS
    TypeInformation<RiskArrayStageInput> riskArrayInput = StateCodecs.type(RiskArrayStageInputCodec.INSTANCE);
    DataStream<RiskArrayStageInput> underlyingInputs = oracle
        .map(u -> (RiskArrayStageInput) new RiskArrayStageInput.Oracle(u.price().getUnderlying(), u.publishTime(), u),
            riskArrayInput).uid("oracle-to-risk-arrays")
        .union(vols.map(v -> {
          VolQuote q = (VolQuote) v.getPayload();
          return (RiskArrayStageInput) new RiskArrayStageInput.Vol(q.getUnderlying(), v.getEventTime().toEpochMilli(),
              q);
        }, riskArrayInput).uid("vols-to-risk-arrays"), specs.map(i -> {
          Instrument spec = (Instrument) i.getPayload();
          return (RiskArrayStageInput) new RiskArrayStageInput.Spec(spec.getUnderlying(),
              i.getEventTime().toEpochMilli(), spec);
        }, riskArrayInput).uid("specs-to-risk-arrays"));
    SingleOutputStreamOperator<RiskArraySet> riskArrays = underlyingInputs.keyBy(RiskArrayStageInput::underlying)
        .process(new RiskArraysFunction(config)).name(Stage.RISK_ARRAYS.id()).uid(Stage.RISK_ARRAYS.uid());

    // ACCOUNT
    // Every account subtask gets every risk array; the operator keeps them in broadcast state and checks each new
    // price against its trigger index (AccountOperator).
    boolean pooled = config.get(SolventConfig.POOL);
    String cashAsset = config.get(SolventConfig.CASH_ASSET);
    DataStream<AccountInput> accountEvents = events
        .filter(e -> !isFundDeposit(e.event()) && !(pooled && isPoolDeposit(e.event(), cashAsset)))
        .uid("account-events");
    // The risk auction's bids go to the provider's account, which judges them (an input read only with the auction
    // on: the topic must then carry heartbeats like every input).
    boolean riskAuction = config.get(SolventConfig.RISK_AUCTION);
    SingleOutputStreamOperator<AccountInput> riskBids = null;
    if (riskAuction) {
      riskBids = validate(env, inputs, watermarks, InputTopic.RISK_BIDS, maxBytes, rule, rejectedTag,
          AccountInput::bid, TypeInformation.of(AccountInput.class));
      accountEvents = accountEvents.union(riskBids);
    }
    DataStream<RiskArraySet> broadcastArrays = riskArrays.broadcast();
    SingleOutputStreamOperator<MarginUpdate> accounts = accountEvents
        .map(e -> e, StateCodecs.type(AccountInputCodec.INSTANCE)).uid("events-to-account")
        .keyBy(AccountInput::accountId)
        .connect(broadcastArrays)
        .transform(Stage.ACCOUNT.id(), TypeInformation.of(MarginUpdate.class), new AccountOperator(config))
        .uid(Stage.ACCOUNT.uid());
    sink(outputs, accounts, Topics.MARGIN_UPDATES);
    sink(outputs, accounts.getSideOutput(AccountOperator.CALLS), Topics.MARGIN_CALLS);
    sink(outputs, accounts.getSideOutput(AccountOperator.ORDERS), Topics.LIQUIDATION_ORDERS);

    // RISK_AUCTION (optional): offers and judged bids per offer, closed in event time.
    SingleOutputStreamOperator<RiskAuctionResult> awards = null;
    if (riskAuction) {
      DataStream<PortfolioOffer> offers = accounts.getSideOutput(AccountOperator.OFFERS);
      sink(outputs, offers, Topics.RISK_OFFERS);
      TypeInformation<RiskAuctionInput> auctionInputType = StateCodecs.type(RiskAuctionInputCodec.INSTANCE);
      awards = offers.map(o -> (RiskAuctionInput) new RiskAuctionInput.Offer(o), auctionInputType)
          .uid("offers-to-risk-auction")
          .union(accounts.getSideOutput(AccountOperator.ASSESSED_BIDS))
          .keyBy(RiskAuctionInput::offerId)
          .process(new RiskAuctionFunction(config.get(SolventConfig.RISK_AUCTION_GRACE),
              List.of(config.get(SolventConfig.RISK_AUCTION_PROVIDERS).split("\\s*,\\s*")),
              config.get(SolventConfig.RISK_AUCTION_RESERVE)))
          .name(Stage.RISK_AUCTION.id()).uid(Stage.RISK_AUCTION.uid());
      sink(outputs, awards, Topics.RISK_AWARDS);
    }
    // NETTING (optional): opposing orders of an instrument and instant cross at the mark before the market.
    if (config.get(SolventConfig.NETTING)) {
      sink(outputs, accounts.getSideOutput(AccountOperator.ORDERS).keyBy(LiquidationOrder::getInstrumentId)
          .process(new NettingFunction()).name(Stage.NETTING.id()).uid(Stage.NETTING.uid()),
          Topics.LIQUIDATION_CROSSES);
    }
    RiskMetrics.marginHealth(accounts);
    RiskMetrics.tap(accounts.getSideOutput(AccountOperator.CALLS), "margin.calls", new MarginCallMeter());
    RiskMetrics.tap(accounts.getSideOutput(AccountOperator.ORDERS), "liquidation.orders", new LiquidationMeter());

    // INSURANCE_FUND
    // A deposit of the cash asset seeds the fund's quote balance; of a coin, its balance in that coin.
    DataStream<Settlement> seeds = events.filter(e -> isFundDeposit(e.event())).uid("fund-deposits")
        .map(e -> {
          Deposit d = (Deposit) e.event().getPayload();
          return Settlement.seed(d.getAccountId().substring(FUND_ACCOUNT_PREFIX.length()),
              AccountEvents.currency(d.getAsset(), cashAsset), e.event().getEventTime().toEpochMilli(),
              d.getAccountId(), e.event().getSequence(), d.getAmount());
        }).uid("fund-seeds");
    SingleOutputStreamOperator<dev.solvent.avro.insurance.LedgerEntry> fund = accounts
        .getSideOutput(AccountOperator.SETTLEMENTS).union(seeds)
        .keyBy(Settlement::fundKey)
        .process(new InsuranceFundFunction(pooled
            ? BigDecimal.valueOf(config.get(SolventConfig.POOL_PREMIUM_SHARE)) : null))
        .name(Stage.INSURANCE_FUND.id()).uid(Stage.INSURANCE_FUND.uid());
    sink(outputs, fund, Topics.INSURANCE_LEDGER);
    RiskMetrics.tap(fund, "insurance.ledger", new FundMeter());
    DataStream<AdlRequest> shortfalls = fund.getSideOutput(InsuranceFundFunction.ADL_REQUESTS);

    // INSURANCE_POOL (optional): the USD funds' premiums and shortfalls; what it cannot cover goes on to ADL.
    if (pooled) {
      DataStream<PoolInput> poolSeeds = events.filter(e -> isPoolDeposit(e.event(), cashAsset)).uid("pool-deposits")
          .map(e -> {
            Deposit d = (Deposit) e.event().getPayload();
            return new PoolInput(PoolInput.Kind.SEED, Settlement.seed(PoolInput.POOL_ID, Account.QUOTE,
                e.event().getEventTime().toEpochMilli(), d.getAccountId(), e.event().getSequence(), d.getAmount()),
                d.getAmount());
          }).uid("pool-seeds");
      SingleOutputStreamOperator<PoolEntry> pool = fund.getSideOutput(InsuranceFundFunction.POOL_INPUTS)
          .union(poolSeeds)
          .keyBy(PoolInput::poolId)
          .process(new MutualPoolFunction(config.get(SolventConfig.POOL_FUND_CAP)))
          .name(Stage.INSURANCE_POOL.id()).uid(Stage.INSURANCE_POOL.uid());
      sink(outputs, pool, Topics.INSURANCE_POOL);
      shortfalls = shortfalls.union(pool.getSideOutput(InsuranceFundFunction.ADL_REQUESTS));
    }

    // ADL
    TypeInformation<AdlStageInput> adlInput = StateCodecs.type(AdlStageInputCodec.INSTANCE);
    DataStream<AdlStageInput> adlInputs = accounts.getSideOutput(AccountOperator.ADL_POSITIONS)
        .map(p -> (AdlStageInput) new AdlStageInput.Position(p), adlInput).uid("positions-to-adl")
        .union(shortfalls.map(r -> (AdlStageInput) r, adlInput).uid("requests-to-adl"));
    SingleOutputStreamOperator<AdlOrder> adl = adlInputs.keyBy(AdlStageInput::instrumentId)
        .process(new AdlFunction()).name(Stage.ADL.id()).uid(Stage.ADL.uid());
    sink(outputs, adl, Topics.ADL_ORDERS);
    RiskMetrics.tap(adl, "adl.orders", new AdlMeter());

    // AUCTION (lending)
    TypeInformation<AuctionStageInput> auctionInput = StateCodecs.type(AuctionStageInputCodec.INSTANCE);
    SingleOutputStreamOperator<dev.solvent.avro.auction.AuctionEvent> auctions = accounts
        .getSideOutput(AccountOperator.LENDING)
        .map(s -> (AuctionStageInput) new AuctionStageInput.Health(s), auctionInput).uid("lending-to-auction")
        .union(bids.map(b -> (AuctionStageInput) b, auctionInput).uid("bids-to-auction"))
        .keyBy(AuctionStageInput::accountId)
        .process(new AuctionFunction(config)).name(Stage.AUCTION.id()).uid(Stage.AUCTION.uid());
    sink(outputs, auctions, Topics.AUCTION_EVENTS);
    RiskMetrics.tap(auctions, "auction.events", new AuctionMeter());

    // DEAD_LETTERS
    DataStream<Rejected> rejected = ticks.getSideOutput(rejectedTag)
        .union(vols.getSideOutput(rejectedTag), specs.getSideOutput(rejectedTag), events.getSideOutput(rejectedTag),
            bids.getSideOutput(rejectedTag), accounts.getSideOutput(AccountOperator.REJECTED),
            auctions.getSideOutput(AuctionFunction.REJECTED));
    if (riskAuction) {
      rejected = rejected.union(riskBids.getSideOutput(rejectedTag),
          awards.getSideOutput(RiskAuctionFunction.REJECTED));
    }
    SingleOutputStreamOperator<DeadLetter> deadLetters = rejected.keyBy(r -> r.deadLetter().getSourceTopic())
        .process(new DeadLetterFunction()).name(Stage.DEAD_LETTERS.id()).uid(Stage.DEAD_LETTERS.uid());
    sink(outputs, deadLetters, Topics.DEAD_LETTERS);
    RiskMetrics.tap(deadLetters, "dead.letters", new DeadLetterMeter());
  }

  private static <T extends SpecificRecord, OUT> SingleOutputStreamOperator<OUT> validate(
      StreamExecutionEnvironment env, Inputs inputs, WatermarkStrategy<Ingested> watermarks, InputTopic<T> topic,
      int maxBytes, AcceptanceRule rule, OutputTag<Rejected> rejected, ValidateFunction.Wrapper<T, OUT> wrapper,
      TypeInformation<OUT> type) {
    IngestDecoder<T> decoder = new IngestDecoder<>(topic, maxBytes);
    DataStream<Ingested> ingested = inputs.read(env, decoder, watermarks);
    return ingested
        .transform("watermark memory " + topic.name(), ingested.getType(), new WatermarkMemory<>())
        .uid("watermark-memory-" + topic.name())
        .process(new ValidateFunction<>(decoder, rule, rejected, wrapper), type)
        .name("validate " + topic.name()).uid("validate-" + topic.name());
  }

  private static <T extends SpecificRecord> void sink(Outputs outputs, DataStream<T> stream,
      dev.solvent.schema.Topic<T> topic) {
    outputs.write(stream, topic);
  }

  /**
   * The output topics the job writes under {@code config}: the crosses with netting on, the pool's with a pool, the
   * offers and awards with the risk auction.
   */
  public static List<Topic<?>> outputs(SolventConfig config) {
    return Topics.OUTPUTS.stream()
        .filter(t -> t != Topics.LIQUIDATION_CROSSES || config.get(SolventConfig.NETTING))
        .filter(t -> t != Topics.INSURANCE_POOL || config.get(SolventConfig.POOL))
        .filter(t -> t != Topics.RISK_OFFERS && t != Topics.RISK_AWARDS || config.get(SolventConfig.RISK_AUCTION))
        .toList();
  }

  static boolean isFundDeposit(AccountEvent event) {
    return event.getPayload() instanceof Deposit d && d.getAccountId().startsWith(FUND_ACCOUNT_PREFIX);
  }

  /** A deposit into the pool: only the cash asset (others go to the account stage, which knows no such account). */
  static boolean isPoolDeposit(AccountEvent event, String cashAsset) {
    return event.getPayload() instanceof Deposit d && d.getAccountId().startsWith(POOL_ACCOUNT_PREFIX)
        && d.getAsset().equals(cashAsset);
  }
}
