package dev.solvent.migrations;

/**
 * One key's state of one stage, already converted to the current layout and encoded, on its way from the reader of
 * the old savepoint to the writer of the new one (bytes keep Flink's generic serializer out of the migration).
 */
public record KeyedImage(String key, byte[] bytes) {}
