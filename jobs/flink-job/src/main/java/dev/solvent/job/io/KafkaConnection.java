package dev.solvent.job.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the Kafka brokers are and how a client proves who it is: the bootstrap servers plus the security settings of
 * a Kafka client properties file ({@code kafka.client-properties}). Only security settings are taken
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code config.providers*}): the job's own reading and
 * writing settings (isolation, transactions, idempotence) are not the file's to change.
 *
 * <p>Secrets belong behind Kafka's config providers ({@code ${file:...}}, {@code ${dir:...}}, {@code ${env:...}}):
 * each client resolves them where it runs, so the password never enters the job graph, a command line or a log. A
 * literal password in the file works too, and then travels inside the job graph to the TaskManagers.
 * {@link #toString()} names the settings, never their values.
 */
public final class KafkaConnection {

  private final String bootstrapServers;
  private final Map<String, String> security;

  private KafkaConnection(String bootstrapServers, Map<String, String> security) {
    this.bootstrapServers = bootstrapServers;
    this.security = Map.copyOf(security);
  }

  /** A plaintext connection with no credentials. */
  public static KafkaConnection plain(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** The connection the file's security settings describe; {@code file} null or empty: plaintext. */
  public static KafkaConnection of(String bootstrapServers, String file) {
    if (file == null || file.isBlank()) {
      return plain(bootstrapServers);
    }
    Properties read = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      read.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the Kafka client properties " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> security = new TreeMap<>();
    for (String key : read.stringPropertyNames()) {
      if (!isSecuritySetting(key)) {
        throw new IllegalArgumentException("the Kafka client properties " + file + " set '" + key + "', which is not "
            + "a security setting (security.protocol, sasl.*, ssl.*, config.providers*): the job's own settings "
            + "decide how it reads and writes");
      }
      security.put(key, read.getProperty(key).strip());
    }
    return new KafkaConnection(bootstrapServers, security);
  }

  private static boolean isSecuritySetting(String key) {
    return key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")
        || key.equals("config.providers") || key.startsWith("config.providers.");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The security settings, to add to a client's properties. */
  public Map<String, String> security() {
    return security;
  }

  /** Bootstrap servers and security settings: the start of every client's properties. */
  public Properties properties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.putAll(security);
    return p;
  }

  @Override
  public String toString() {
    return bootstrapServers + (security.isEmpty() ? " (plaintext)" : " (" + security.getOrDefault("security.protocol",
        "PLAINTEXT") + "; settings " + String.join(", ", new TreeMap<>(security).keySet()) + ")");
  }
}
