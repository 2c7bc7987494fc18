package dev.churn.pipelines.sink;

import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.Publication;
import java.io.IOException;
import java.sql.SQLException;

/** Publishes a scoring run's staged rows in its score table together with its files. */
public final class ScoreTablePublisher implements OutputFolder.Companion {
  private final ScoreTable table;

  public ScoreTablePublisher(ScoreTable table) {
    this.table = table;
  }

  @Override
  public String describe() {
    return table.describe();
  }

  @Override
  public void commit(Publication publication) throws IOException {
    try {
      table.commit(publication.id, publication.runId);
    } catch (SQLException e) {
      throw new IOException("cannot publish the rows in table " + table.describe() + ": " + SqlErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing the rows in table " + table.describe(), e);
    }
  }

  @Override
  public void discard(String publicationId) throws IOException {
    try {
      table.discardStaged(publicationId);
    } catch (SQLException e) {
      throw new IOException("cannot remove the staged rows from " + table.stagingTable() + ": " + SqlErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while removing the staged rows from " + table.stagingTable(), e);
    }
  }
}
