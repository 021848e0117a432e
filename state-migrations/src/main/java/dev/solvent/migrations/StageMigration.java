package dev.solvent.migrations;

import dev.solvent.job.Stage;
import java.util.List;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;

/**
 * How one stage's state moves from one layout to the next: a reader of the old layout that converts each key's state
 * into an image of the new one, and the writer that lays the image out as the stage's operator holds it.
 *
 * @param rewrites what changes, state by state, for the migration's report
 */
record StageMigration(Stage stage, int fromLayout, KeyedStateReaderFunction<String, KeyedImage> reader,
    ImageWriter.Stage writer, List<String> rewrites) {}
