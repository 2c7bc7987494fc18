package dev.churn.pipelines.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.registry.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The file {@value #NAME} of an output folder: which publications are current (what a reader should
 * read) and which were superseded and are being removed. It is replaced whole (written beside, then
 * renamed over the old one), so a reader sees the old list or the new one, never half of one; the
 * files of a publication are in place before it is listed.
 */
public final class OutputManifest {
  public static final String NAME = "_churn_manifest.json";

  @JsonProperty("written_by")
  public String writtenBy = "churn";

  @JsonProperty public List<Publication> publications = new ArrayList<>();

  /** Replaced publications whose files are still being removed. */
  @JsonProperty public List<Publication> superseded = new ArrayList<>();

  /** The manifest of a folder, or null when it has none (nothing was published there). */
  public static OutputManifest read(String folder) throws IOException {
    MatchResult match = FileSystems.match(folder + "/" + NAME, EmptyMatchTreatment.ALLOW);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return null;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(match.metadata().get(0).resourceId()))) {
      return Json.MAPPER.readValue(in, OutputManifest.class);
    } catch (IOException e) {
      throw new IOException(folder + "/" + NAME + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Replaces the folder's manifest with this one in one step. */
  void write(String folder) throws IOException {
    ResourceId next = FileSystems.matchNewResource(folder + "/." + NAME + ".next", false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(next, MimeTypes.TEXT))) {
      out.write(Json.MAPPER.writeValueAsBytes(this));
    }
    FileSystems.rename(List.of(next), List.of(FileSystems.matchNewResource(folder + "/" + NAME, false)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** The current publication of an id, or null. */
  public Publication publication(String id) {
    return publications.stream().filter(p -> p.id.equals(id)).findFirst().orElse(null);
  }

  /** The current publications whose slot is {@code slot} or starts with {@code slot + "/"}. */
  public List<Publication> inSlots(String slot) {
    return publications.stream().filter(p -> p.slot.equals(slot) || p.slot.startsWith(slot + "/")).collect(Collectors.toList());
  }

  /** This manifest with {@code publication} current, the one it replaces moved to the superseded. */
  OutputManifest with(Publication publication) {
    OutputManifest next = new OutputManifest();
    next.superseded.addAll(superseded);
    for (Publication current : publications) {
      if (current.slot.equals(publication.slot)) {
        next.superseded.add(current);
      } else {
        next.publications.add(current);
      }
    }
    next.publications.add(publication);
    return next;
  }
}
