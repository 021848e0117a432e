package dev.solvent.harness.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile JSON Lines records for every input topic, each with the dead-letter reason it must
 * get (or the reasons it may get, separated by |: a price the decoder cannot read is an INVALID_PRICE, another
 * decimal UNDECODABLE): records no input rule may let through, in every shape the decoders meet at their doors.
 */
final class HostileRecords {

  private HostileRecords() {}

  /** What each input topic's valid record looks like, with {@code %T} for the event time and {@code %P} a price. */
  private static final Map<String, String> TEMPLATES = Map.of(
      "market.ticks", "{\"eventTime\": \"%T\", \"payload\": {\"type\": \"Quote\", \"underlying\": \"BTC\", "
          + "\"source\": \"%S\", \"price\": %P}}",
      "market.vols", "{\"eventTime\": \"%T\", \"payload\": {\"type\": \"VolQuote\", \"underlying\": \"BTC\", "
          + "\"instrumentId\": null, \"source\": \"%S\", \"impliedVol\": 0.6}}",
      "instruments", "{\"eventTime\": \"%T\", \"payload\": {\"type\": \"Instrument\", \"instrumentId\": \"%S\", "
          + "\"underlying\": \"BTC\", \"kind\": \"%K\", \"contractSize\": %P, \"lotSize\": \"0.001\", "
          + "\"insuranceFundId\": \"usd\"}}",
      "account.events", "{\"eventTime\": \"%T\", \"sequence\": 9000000, \"payload\": {\"type\": \"AccountOpened\", "
          + "\"accountId\": \"%S\", \"marginMode\": \"%K\", \"fundId\": \"usd\"}}",
      "auction.bids", "{\"eventTime\": \"%T\", \"payload\": {\"type\": \"Bid\", \"accountId\": \"acct-00001\", "
          + "\"auctionId\": \"%S\", \"liquidator\": \"l\", \"price\": %P, \"debtToRepay\": \"1\"}}");

  /** {@code perTopic} records for each input topic, drawn from {@code seed}, at event time {@code end}. */
  static Map<String, List<String[]>> generate(long seed, int perTopic, String end) {
    Random random = new Random(seed);
    Map<String, List<String[]>> all = new LinkedHashMap<>();
    for (String topic : List.of("market.ticks", "market.vols", "instruments", "account.events", "auction.bids")) {
      List<String[]> records = new ArrayList<>();
      for (int i = 0; i < perTopic; i++) {
        records.add(one(topic, random, end, i));
      }
      all.put(topic, records);
    }
    return all;
  }

  private static String[] one(String topic, Random random, String end, int n) {
    String template = TEMPLATES.get(topic);
    String name = "h" + n;
    return switch (random.nextInt(10)) {
      case 0 -> new String[] {"\u0001" + garbage(random), "UNDECODABLE"};
      case 1 -> {
        String whole = fill(template, end, name, "\"1\"", kind(topic));
        yield new String[] {whole.substring(0, 1 + random.nextInt(whole.length() - 2)), "UNDECODABLE"};
      }
      case 2 -> new String[] {"{\"eventTime\": \"" + end + "\", \"payload\": {\"type\": \"Nope" + n + "\", "
          + "\"x\": 1}}", "UNDECODABLE"};
      case 3 -> template.contains("%K")
          ? new String[] {fill(template, end, name, "\"1\"", "NOT_A_SYMBOL_" + n), "UNDECODABLE"}
          : new String[] {fill(template, end, name, "\"1\"", "").replace("\"type\": \"", "\"type\": \"Not"),
              "UNDECODABLE"};
      case 4 -> new String[] {fill(template, end, "x".repeat(65_536 + random.nextInt(20_000)), "\"1\"",
          kind(topic)), "OVERSIZED"};
      case 5 -> new String[] {fill(template, "9999-12-31T23:59:59Z", name, "\"1\"", kind(topic)), "LATE"};
      case 6 -> new String[] {fill(template, "1970-01-01T00:00:01Z", name, "\"1\"", kind(topic)), "LATE"};
      // Decimals with absurd exponents, as text and as numbers beyond a double (a topic without a decimal field gets
      // a string for its number, or an unknown symbol, instead).
      case 7 -> new String[] {fill(template, end, name, random.nextBoolean() ? "\"1e-999999999\""
          : "\"1e999999999\"", "NOT_A_SYMBOL").replace("0.6", "\"x\""), "UNDECODABLE|INVALID_PRICE"};
      case 8 -> new String[] {fill(template, end, name, "1e999999999", "NOT_A_SYMBOL").replace("0.6", "\"x\""),
          "UNDECODABLE|INVALID_PRICE"};
      default -> new String[] {"{\"eventTime\": \"" + end + "\", \"payload\": " + "[".repeat(5_000)
          + "]".repeat(5_000) + "}", "UNDECODABLE"};
    };
  }

  /** A symbol the topic's enum knows, so that only the mutation under test makes the record invalid. */
  private static String kind(String topic) {
    return topic.equals("account.events") ? "CROSS" : "PERPETUAL";
  }

  private static String fill(String template, String time, String name, String price, String kind) {
    return template.replace("%T", time).replace("%S", name).replace("%P", price).replace("%K", kind);
  }

  private static String garbage(Random random) {
    StringBuilder b = new StringBuilder();
    int length = 1 + random.nextInt(200);
    for (int i = 0; i < length; i++) {
      char c = (char) (random.nextInt(0x7e - 0x20) + 0x20);
      b.append(c == '\n' ? ' ' : c);
    }
    return b.toString();
  }
}
